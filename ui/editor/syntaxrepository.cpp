#include "ui/editor/syntaxrepository.h"

#include <KSyntaxHighlighting/Repository>

#include <QDir>

// The static KSyntaxHighlighting library embeds its definitions and themes as
// the Qt resources "syntax_data" (:/org.kde.syntax-highlighting/syntax) and
// "theme_data" (:/org.kde.syntax-highlighting/themes). A static library's
// resources are only registered when something calls their initialisers.
static void initKSyntaxHighlightingResources()
{
    if (!QDir(QStringLiteral(":/org.kde.syntax-highlighting/syntax")).exists()) {
        Q_INIT_RESOURCE(syntax_data);
    }
    if (!QDir(QStringLiteral(":/org.kde.syntax-highlighting/themes")).exists()) {
        Q_INIT_RESOURCE(theme_data);
    }
}

namespace stampede::ui {

KSyntaxHighlighting::Repository &syntaxRepository()
{
    static const bool resourcesReady = (initKSyntaxHighlightingResources(), true);
    Q_UNUSED(resourcesReady);
    static KSyntaxHighlighting::Repository repository;
    return repository;
}

} // namespace stampede::ui
