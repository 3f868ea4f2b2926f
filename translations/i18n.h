#pragma once

#include <QLocale>

class QCoreApplication;

namespace stampede::i18n {

// Installs the embedded Stampede translation (:/i18n/stampede_<lang>.qm) for
// `locale`, plus Qt's own translations of standard dialogs when the system has
// them. Translators are parented to `app`. Returns true if a Stampede
// translation was found (English needs none and returns false).
bool installTranslators(QCoreApplication *app, const QLocale &locale = QLocale());

} // namespace stampede::i18n
