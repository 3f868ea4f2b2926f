#pragma once

#include "core/studio/debugsession.h"

#include <QWidget>

namespace stampede::ui {

// The timing breakdown of one request as a waterfall: one bar per phase (blocked, connecting,
// TLS, sending, waiting, receiving), each starting where the previous one ended, with its ms.
class WaterfallWidget : public QWidget
{
    Q_OBJECT
public:
    explicit WaterfallWidget(QWidget *parent = nullptr);
    void setTimings(const studio::DebugTimings &timings);
    const studio::DebugTimings &timings() const { return m_timings; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    struct Phase
    {
        QString label;
        double start = 0; // ms from the start of the request
        double length = 0;
        QColor color;
    };
    QList<Phase> phases() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    studio::DebugTimings m_timings;
    bool m_set = false;
};

} // namespace stampede::ui
