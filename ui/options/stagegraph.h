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

    QSize sizeHint() const override { return {320, 150}; }
    QSize minimumSizeHint() const override { return {160, 90}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    studio::StageProfile m_profile;
};

} // namespace stampede::ui
