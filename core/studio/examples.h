#pragma once

#include <QString>

namespace stampede::studio {

// Copies a bundled example (a resource path like ":/examples/json-api.js") into
// `directory` as a normal file the user may edit and run, and returns its path.
// An existing copy is kept as it is, so re-opening an example never throws away
// the user's edits (*reused is set to true then). Returns an empty string and sets
// *error when the example is missing or the copy cannot be written.
QString copyExample(const QString &resourcePath, const QString &directory, bool *reused = nullptr,
                    QString *error = nullptr);

} // namespace stampede::studio
