#pragma once

#include "core/studio/debugsession.h"

#include <QWidget>

class QLabel;
class QSplitter;
class QTabWidget;
class QTableView;
class QTreeWidget;
class QTreeWidgetItem;

namespace stampede::ui {

class BodyView;
class DebugRequestModel;
class WaterfallWidget;

// The debug run's panel: the request list, an inspector for the selected request (request and
// response headers and bodies, cookies, a timings waterfall, its checks) and the console.
// Activating a request, a check or a console line asks to show its script line.
class DebugPanel : public QWidget
{
    Q_OBJECT
public:
    enum InspectorTab { RequestTab, ResponseTab, CookiesTab, TimingsTab, ChecksTab };

    explicit DebugPanel(studio::DebugSession *session, QWidget *parent = nullptr);

    QTableView *requestView() const { return m_requests; }
    DebugRequestModel *requestModel() const { return m_model; }
    QTabWidget *inspector() const { return m_inspector; }
    QTreeWidget *requestHeaders() const { return m_requestHeaders; }
    QTreeWidget *responseHeaders() const { return m_responseHeaders; }
    BodyView *requestBody() const { return m_requestBody; }
    BodyView *responseBody() const { return m_responseBody; }
    QTreeWidget *cookies() const { return m_cookies; }
    WaterfallWidget *waterfall() const { return m_waterfall; }
    QTreeWidget *checks() const { return m_checks; }
    QTreeWidget *console() const { return m_console; }
    QLabel *statusLabel() const { return m_status; }
    int currentRequest() const { return m_current; }

    // Selects request `row` and shows it in the inspector.
    void selectRequest(int row);
    void runStarted();
    void runFinished(const QString &explanation);

Q_SIGNALS:
    // The user wants to see the script line that made a request, check or console line.
    void locationActivated(const QString &file, int line, int column);

private:
    void showRequest(int row);
    void appendConsole(int index);
    void updateStatus();
    static void fillHeaders(QTreeWidget *tree, const QString &firstLine, const studio::DebugHeaders &headers);
    static QTreeWidgetItem *locationItem(QTreeWidgetItem *item, const studio::DebugLocation &location, int column);
    void activateItem(QTreeWidgetItem *item);

    studio::DebugSession *m_session;
    DebugRequestModel *m_model = nullptr;
    QTableView *m_requests = nullptr;
    QTabWidget *m_inspector = nullptr;
    QTreeWidget *m_requestHeaders = nullptr;
    QTreeWidget *m_responseHeaders = nullptr;
    BodyView *m_requestBody = nullptr;
    BodyView *m_responseBody = nullptr;
    QTreeWidget *m_cookies = nullptr;
    WaterfallWidget *m_waterfall = nullptr;
    QTreeWidget *m_checks = nullptr;
    QTreeWidget *m_console = nullptr;
    QLabel *m_status = nullptr;
    QString m_runState;
    int m_current = -1;
};

} // namespace stampede::ui
