#pragma once

namespace KSyntaxHighlighting {
class Repository;
}

namespace stampede::ui {

// The process-wide syntax definition repository (expensive to build, so shared).
// Makes sure the definitions and themes compiled into the static
// KSyntaxHighlighting library are registered before first use.
KSyntaxHighlighting::Repository &syntaxRepository();

} // namespace stampede::ui
