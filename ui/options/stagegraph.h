#pragma once

#include "core/studio/stageprofile.h"

#include <QWidget>

namespace stampede::ui {

// A small chart of target VUs over time for a list of stages (k6's ramping-vus profile).
class StageGraph : public QWidget
{
    Q_OBJECT
public:
    explicit StageGraph(QWidget *parent = nullptr);

    void setStages(const QJsonArray &stages, double startVUs = 0);
    const studio::StageProfile &profile() const { return m_profile; }
    // What the curve is, under the chart. Default: "target VUs over time".
    void setCaption(const QString &caption);
    QString caption() const { return m_caption; }

    QSize sizeHint() const override { return {320, 150}; }
    QSize minimumSizeHint() const override { return {160, 90}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    studio::StageProfile m_profile;
    QString m_caption;
};

} // namespace stampede::ui
