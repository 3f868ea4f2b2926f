#include "ui/run/runcontrolbar.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace stampede::ui {

RunControlBar::RunControlBar(studio::RestControlClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    setObjectName(u"runControlBar"_s);
    m_caption = new QLabel(this);
    QFont bold = m_caption->font();
    bold.setBold(true);
    m_caption->setFont(bold);
    m_state = new QLabel(this);
    m_state->setObjectName(u"runControlState"_s);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pause = new QPushButton(style()->standardIcon(QStyle::SP_MediaPause), QString(), this);
    m_pause->setObjectName(u"pauseButton"_s);
    m_resume = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), QString(), this);
    m_resume->setObjectName(u"resumeButton"_s);
    m_pauseAction = new QAction(m_pause->icon(), QString(), this);
    m_pauseAction->setObjectName(u"pauseRunAction"_s);
    m_resumeAction = new QAction(m_resume->icon(), QString(), this);
    m_resumeAction->setObjectName(u"resumeRunAction"_s);
    // F6 pauses and, once paused, resumes (F5 is Debug, Shift+F5 Stop). Only one of the two is
    // enabled at a time, so the shortcut is never ambiguous.
    m_pauseAction->setShortcut(QKeySequence(Qt::Key_F6));
    m_resumeAction->setShortcut(QKeySequence(Qt::Key_F6));
    m_vusLabel = new QLabel(this);
    m_vus = new QSpinBox(this);
    m_vus->setObjectName(u"vusBox"_s);
    m_vus->setRange(0, 1);
    m_vus->setKeyboardTracking(false);
    m_vus->setAccelerated(true);
    m_vusLabel->setBuddy(m_vus);
    m_applyVus = new QPushButton(this);
    m_applyVus->setObjectName(u"applyVusButton"_s);
    m_error = new QLabel(this);
    m_error->setObjectName(u"runControlError"_s);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette pal = m_error->palette();
    pal.setColor(QPalette::WindowText, QColor(0xd3, 0x2f, 0x2f));
    m_error->setPalette(pal);
    m_error->setWordWrap(false);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_caption);
    layout->addWidget(m_state);
    layout->addSpacing(8);
    layout->addWidget(m_pause);
    layout->addWidget(m_resume);
    layout->addSpacing(8);
    layout->addWidget(m_vusLabel);
    layout->addWidget(m_vus);
    layout->addWidget(m_applyVus);
    layout->addWidget(m_error, 1);

    retranslate();
    connect(m_pauseAction, &QAction::triggered, this, [this] { setPaused(true); });
    connect(m_resumeAction, &QAction::triggered, this, [this] { setPaused(false); });
    connect(m_pause, &QPushButton::clicked, m_pauseAction, &QAction::trigger);
    connect(m_resume, &QPushButton::clicked, m_resumeAction, &QAction::trigger);
    connect(m_vus, &QSpinBox::valueChanged, this, [this] { m_vusEdited = true; });
    connect(m_applyVus, &QPushButton::clicked, this, [this] {
        m_error->clear();
        m_vusEdited = false;
        m_client->setVus(m_vus->value());
    });
    connect(m_client, &studio::RestControlClient::statusChanged, this, &RunControlBar::onStatus);
    connect(m_client, &studio::RestControlClient::errorOccurred, this, &RunControlBar::onError);
    setControlInfo({});
    updateEnabled();
}

void RunControlBar::retranslate()
{
    m_caption->setText(tr("Run control:"));
    m_pause->setText(tr("Pause"));
    m_pause->setToolTip(tr("Pause the run: VUs finish their iteration and start no new one (PATCH /v1/status)"));
    m_resume->setText(tr("Resume"));
    m_resume->setToolTip(tr("Resume a paused run"));
    //: Run menu: pause the running load test (the engine's REST API).
    m_pauseAction->setText(tr("&Pause"));
    m_pauseAction->setStatusTip(m_pause->toolTip());
    //: Run menu: resume the paused load test.
    m_resumeAction->setText(tr("Res&ume"));
    m_resumeAction->setStatusTip(m_resume->toolTip());
    m_vusLabel->setText(tr("&VUs:"));
    m_vus->setToolTip(tr("Active VUs of the externally-controlled scenario, up to its maxVUs"));
    m_applyVus->setText(tr("Set VUs"));
    m_applyVus->setToolTip(tr("Scale the externally-controlled scenario to this many VUs now"));
    if (!m_active && m_state->text().isEmpty())
        m_state->setText(tr("no run"));
}

void RunControlBar::runStarted()
{
    m_active = true;
    m_vusEdited = false;
    m_error->clear();
    m_state->setText(tr("starting…"));
    setControlInfo({});
    updateEnabled();
}

void RunControlBar::runWithoutControl(const QString &why)
{
    m_active = false;
    m_state->setText(why);
    setControlInfo({});
    updateEnabled();
}

void RunControlBar::setControlInfo(const studio::ScriptControlInfo &info)
{
    m_scalable = info.ok && !info.externallyControlled.isEmpty();
    m_vusLabel->setVisible(m_scalable);
    m_vus->setVisible(m_scalable);
    m_applyVus->setVisible(m_scalable);
    if (m_scalable && info.maxVus > 0)
        m_vus->setMaximum(int(qMin<qint64>(info.maxVus, INT_MAX)));
    updateEnabled();
}

void RunControlBar::runFinished()
{
    m_active = false;
    m_state->setText(tr("ended"));
    updateEnabled();
}

void RunControlBar::onStatus(const studio::ControlStatus &s)
{
    if (!m_active)
        return;
    const QLocale locale;
    const QString vus = tr("%1 of %2 VUs").arg(locale.toString(s.vus), locale.toString(s.vusMax));
    m_state->setText((s.paused ? tr("paused") : s.running ? tr("running") : tr("not running yet")) + u" · "_s + vus);
    if (m_scalable) {
        if (s.vusMax > 0)
            m_vus->setMaximum(int(qMin<qint64>(s.vusMax, INT_MAX)));
        if (!m_vusEdited && !m_vus->hasFocus()) {
            const QSignalBlocker block(m_vus);
            m_vus->setValue(int(qMin<qint64>(s.vus, INT_MAX)));
        }
    }
    updateEnabled();
}

void RunControlBar::onError(const QString &text)
{
    if (!m_active)
        return;
    m_error->setText(text);
    m_error->setToolTip(text);
    Q_EMIT message(text);
}

void RunControlBar::setPaused(bool paused)
{
    m_error->clear();
    m_client->setPaused(paused);
}

void RunControlBar::updateEnabled()
{
    const studio::ControlStatus &s = m_client->status();
    const bool live = m_active && s.valid;
    m_pauseAction->setEnabled(live && !s.paused);
    m_resumeAction->setEnabled(live && s.paused);
    m_pause->setEnabled(m_pauseAction->isEnabled());
    m_resume->setEnabled(m_resumeAction->isEnabled());
    m_vus->setEnabled(live && m_scalable);
    m_applyVus->setEnabled(live && m_scalable);
}

QString RunControlBar::stateText() const
{
    return m_state->text();
}

QString RunControlBar::errorText() const
{
    return m_error->text();
}

void RunControlBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

} // namespace stampede::ui
