#include "ui/debug/debugpanel.h"

#include "ui/debug/bodyview.h"
#include "ui/debug/debugrequestmodel.h"
#include "ui/debug/waterfallwidget.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stampede::ui {

namespace {
constexpr int kFileRole = Qt::UserRole + 1;
constexpr int kLineRole = Qt::UserRole + 2;
constexpr int kColumnRole = Qt::UserRole + 3;

QTreeWidget *makeTree(QWidget *parent, const QStringList &headers, const QString &name)
{
    auto *t = new QTreeWidget(parent);
    t->setObjectName(name);
    t->setHeaderLabels(headers);
    t->setRootIsDecorated(false);
    t->setUniformRowHeights(true);
    t->setAlternatingRowColors(true);
    t->header()->setStretchLastSection(true);
    return t;
}

QColor levelColor(studio::DebugConsoleLine::Level level)
{
    switch (level) {
    case studio::DebugConsoleLine::Level::Error: return QColor(0xc6, 0x28, 0x28);
    case studio::DebugConsoleLine::Level::Warning: return QColor(0xb2, 0x6a, 0x00);
    case studio::DebugConsoleLine::Level::Debug: return QColor(0x75, 0x75, 0x75);
    case studio::DebugConsoleLine::Level::Info: break;
    }
    return {};
}

QString levelName(studio::DebugConsoleLine::Level level)
{
    switch (level) {
    case studio::DebugConsoleLine::Level::Error: return DebugPanel::tr("error");
    case studio::DebugConsoleLine::Level::Warning: return DebugPanel::tr("warn");
    case studio::DebugConsoleLine::Level::Debug: return DebugPanel::tr("debug");
    case studio::DebugConsoleLine::Level::Info: break;
    }
    return DebugPanel::tr("info");
}

QString shortLocation(const studio::DebugLocation &l)
{
    if (!l.isValid())
        return {};
    return QFileInfo(l.file).fileName() + u':' + QString::number(l.line);
}
} // namespace

DebugPanel::DebugPanel(studio::DebugSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    m_model = new DebugRequestModel(session, this);
    m_requests = new QTableView(this);
    m_requests->setObjectName(u"debugRequests"_s);
    m_requests->setModel(m_model);
    m_requests->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_requests->setSelectionMode(QAbstractItemView::SingleSelection);
    m_requests->setAlternatingRowColors(true);
    m_requests->setShowGrid(false);
    m_requests->setWordWrap(false);
    m_requests->verticalHeader()->hide();
    m_requests->setTextElideMode(Qt::ElideMiddle); // the path matters more than the host
    m_requests->verticalHeader()->setDefaultSectionSize(m_requests->fontMetrics().height() + 6);
    m_requests->horizontalHeader()->setSectionResizeMode(DebugRequestModel::Url, QHeaderView::Stretch);
    for (int c : {int(DebugRequestModel::Method), int(DebugRequestModel::Status), int(DebugRequestModel::Size),
                  int(DebugRequestModel::Time)})
        m_requests->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    // Rows arrive while the run goes on: the stage column is sized for its longest word up front.
    QFont bold = m_requests->font();
    bold.setBold(true);
    m_requests->horizontalHeader()->setSectionResizeMode(DebugRequestModel::Stage, QHeaderView::Interactive);
    m_requests->setColumnWidth(DebugRequestModel::Stage,
                               QFontMetrics(bold).horizontalAdvance(u"teardown"_s) + 16);

    // Inspector.
    m_inspector = new QTabWidget(this);
    m_inspector->setObjectName(u"debugInspector"_s);
    m_inspector->setDocumentMode(true);
    auto headerTree = [this](const QString &name) {
        //: Column of a header table.
        return makeTree(this, {tr("Name"), tr("Value")}, name);
    };
    auto *requestSplit = new QSplitter(Qt::Vertical, this);
    m_requestHeaders = headerTree(u"requestHeaders"_s);
    m_requestBody = new BodyView(this);
    m_requestBody->setObjectName(u"requestBody"_s);
    requestSplit->addWidget(m_requestHeaders);
    requestSplit->addWidget(m_requestBody);
    auto *responseSplit = new QSplitter(Qt::Vertical, this);
    m_responseHeaders = headerTree(u"responseHeaders"_s);
    m_responseBody = new BodyView(this);
    m_responseBody->setObjectName(u"responseBody"_s);
    responseSplit->addWidget(m_responseHeaders);
    responseSplit->addWidget(m_responseBody);
    responseSplit->setStretchFactor(1, 2);
    m_cookies = makeTree(this, {tr("Name"), tr("Value"), tr("Domain"), tr("Path"), tr("Flags")}, u"debugCookies"_s);
    m_cookies->setRootIsDecorated(true);
    m_waterfall = new WaterfallWidget(this);
    m_waterfall->setObjectName(u"debugWaterfall"_s);
    m_checks = makeTree(this, {tr("Result"), tr("Check"), tr("Line")}, u"debugChecks"_s);
    m_inspector->addTab(requestSplit, tr("Request"));
    m_inspector->addTab(responseSplit, tr("Response"));
    m_inspector->addTab(m_cookies, tr("Cookies"));
    m_inspector->addTab(m_waterfall, tr("Timings"));
    m_inspector->addTab(m_checks, tr("Checks"));

    m_console = makeTree(this, {tr("Level"), tr("Message"), tr("Line")}, u"debugConsole"_s);
    m_console->setColumnWidth(0, 70);
    m_console->setColumnWidth(1, 600);
    m_console->setWordWrap(false);

    m_status = new QLabel(this);
    m_status->setObjectName(u"debugStatus"_s);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_requests);
    top->addWidget(m_inspector);
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 1);
    top->setSizes({560, 620});
    requestSplit->setSizes({200, 300});
    responseSplit->setSizes({150, 350});
    auto *main = new QSplitter(Qt::Vertical, this);
    main->addWidget(top);
    auto *consoleBox = new QWidget(this);
    auto *consoleLayout = new QVBoxLayout(consoleBox);
    consoleLayout->setContentsMargins(0, 0, 0, 0);
    consoleLayout->addWidget(new QLabel(tr("Console"), consoleBox));
    consoleLayout->addWidget(m_console);
    main->addWidget(consoleBox);
    main->setStretchFactor(0, 3);
    main->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_status);
    layout->addWidget(main, 1);

    connect(m_requests->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showRequest(current.isValid() ? current.row() : -1); });
    connect(m_requests, &QTableView::activated, this, [this](const QModelIndex &index) {
        const studio::DebugRequest &r = m_session->requests()[size_t(index.row())];
        if (r.location.isValid())
            Q_EMIT locationActivated(r.location.file, r.location.line, r.location.column);
    });
    connect(m_checks, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) { activateItem(item); });
    connect(m_console, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) { activateItem(item); });
    connect(session, &studio::DebugSession::consoleAdded, this, &DebugPanel::appendConsole);
    connect(session, &studio::DebugSession::requestAdded, this, [this](int row) {
        if (m_current < 0)
            selectRequest(row); // the first request is shown at once
        updateStatus();
    });
    connect(session, &studio::DebugSession::checkAdded, this, [this](int index) {
        const int row = m_session->indexOfRequest(m_session->checks()[size_t(index)].requestId);
        if (row == m_current && row >= 0)
            showRequest(row);
        updateStatus();
    });
    connect(session, &studio::DebugSession::cleared, this, [this] {
        m_console->clear();
        showRequest(-1);
        updateStatus();
    });
    showRequest(-1);
    updateStatus();
}

void DebugPanel::selectRequest(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_requests->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    showRequest(row);
}

void DebugPanel::runStarted()
{
    m_runState = tr("Debugging: one VU, one iteration…");
    updateStatus();
}

void DebugPanel::runFinished(const QString &explanation)
{
    m_runState = explanation;
    updateStatus();
}

void DebugPanel::updateStatus()
{
    int failedChecks = 0;
    for (const auto &c : m_session->checks())
        failedChecks += c.ok ? 0 : 1;
    //: Debug panel status: %1 the run state, then counts of requests, checks and console lines.
    QString text = m_runState.isEmpty() ? QString() : m_runState + u" — "_s;
    text += tr("%n request(s)", nullptr, int(m_session->requests().size()));
    text += u", "_s + tr("%n check(s)", nullptr, int(m_session->checks().size()));
    if (failedChecks)
        text += u" ("_s + tr("%n failed", nullptr, failedChecks) + u")"_s;
    text += u", "_s + tr("%n console line(s)", nullptr, int(m_session->console().size()));
    m_status->setText(text.trimmed());
}

void DebugPanel::fillHeaders(QTreeWidget *tree, const QString &firstLine, const studio::DebugHeaders &headers)
{
    tree->clear();
    if (!firstLine.isEmpty()) {
        auto *general = new QTreeWidgetItem(tree, {firstLine});
        general->setFirstColumnSpanned(true);
        QFont f = general->font(0);
        f.setBold(true);
        general->setFont(0, f);
    }
    for (const auto &[k, v] : headers) {
        auto *item = new QTreeWidgetItem(tree, {k, v});
        item->setToolTip(1, v);
    }
    tree->resizeColumnToContents(0);
}

QTreeWidgetItem *DebugPanel::locationItem(QTreeWidgetItem *item, const studio::DebugLocation &location, int column)
{
    if (location.isValid()) {
        item->setData(0, kFileRole, location.file);
        item->setData(0, kLineRole, location.line);
        item->setData(0, kColumnRole, location.column);
        item->setText(column, shortLocation(location));
        item->setToolTip(column, location.toString());
    }
    return item;
}

void DebugPanel::activateItem(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const QString file = item->data(0, kFileRole).toString();
    const int line = item->data(0, kLineRole).toInt();
    if (!file.isEmpty() && line > 0)
        Q_EMIT locationActivated(file, line, item->data(0, kColumnRole).toInt());
}

void DebugPanel::showRequest(int row)
{
    m_current = row;
    if (row < 0 || row >= int(m_session->requests().size())) {
        m_requestHeaders->clear();
        m_responseHeaders->clear();
        m_requestBody->clear();
        m_responseBody->clear();
        m_cookies->clear();
        m_checks->clear();
        m_waterfall->setTimings({});
        return;
    }
    const studio::DebugRequest &r = m_session->requests()[size_t(row)];
    fillHeaders(m_requestHeaders, r.method + u' ' + r.url, r.requestHeaders);
    QString statusLine = r.proto.isEmpty() ? QString() : r.proto + u' ';
    statusLine += r.status ? r.statusText : tr("No response: %1").arg(r.error);
    if (r.status && !r.error.isEmpty())
        statusLine += u" — "_s + r.error;
    fillHeaders(m_responseHeaders, statusLine, r.responseHeaders);
    QString requestType;
    for (const auto &[k, v] : r.requestHeaders)
        if (k.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0)
            requestType = v;
    m_requestBody->setBody(r.requestBody, requestType);
    m_responseBody->setBody(r.responseBody, r.responseHeader(u"Content-Type"_s), r.responseDiscarded);

    m_cookies->clear();
    auto cookieGroup = [this](const QString &title, const QList<studio::DebugCookie> &list) {
        auto *group = new QTreeWidgetItem(m_cookies, {title.arg(list.size())});
        group->setFirstColumnSpanned(true);
        for (const studio::DebugCookie &c : list) {
            QStringList flags;
            if (c.httpOnly)
                flags << u"HttpOnly"_s;
            if (c.secure)
                flags << u"Secure"_s;
            if (c.maxAge)
                flags << u"Max-Age=%1"_s.arg(c.maxAge);
            if (!c.expires.isEmpty())
                flags << u"Expires=%1"_s.arg(c.expires);
            new QTreeWidgetItem(group, {c.name, c.value, c.domain, c.path, flags.join(u"; "_s)});
        }
        group->setExpanded(true);
    };
    //: %1 is the number of cookies.
    cookieGroup(tr("Sent (%1)"), r.cookiesSent);
    //: %1 is the number of cookies (Set-Cookie headers of the response).
    cookieGroup(tr("Received (%1)"), r.cookiesReceived);

    m_waterfall->setTimings(r.timings);

    m_checks->clear();
    for (int c : r.checks) {
        const studio::DebugCheck &check = m_session->checks()[size_t(c)];
        //: Result column of a check: passed (✓) or failed (✗).
        auto *item = new QTreeWidgetItem(m_checks, {check.ok ? tr("✓ passed") : tr("✗ failed"), check.name});
        item->setForeground(0, check.ok ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
        locationItem(item, check.location, 2);
    }
    int failed = 0;
    for (int c : r.checks)
        failed += m_session->checks()[size_t(c)].ok ? 0 : 1;
    m_inspector->setTabText(ChecksTab, r.checks.isEmpty() ? tr("Checks")
                                                         //: Checks tab title: %1 passed of %2.
                                                         : tr("Checks (%1/%2)").arg(r.checks.size() - failed).arg(r.checks.size()));
    m_checks->resizeColumnToContents(0);
    m_checks->resizeColumnToContents(1);
}

void DebugPanel::appendConsole(int index)
{
    const studio::DebugConsoleLine &l = m_session->console()[size_t(index)];
    QString text = l.text;
    const qsizetype nl = text.indexOf(u'\n');
    auto *item = new QTreeWidgetItem(m_console, {levelName(l.level), nl < 0 ? text : text.left(nl) + u" …"_s});
    item->setToolTip(1, text.left(4000));
    if (const QColor c = levelColor(l.level); c.isValid()) {
        item->setForeground(0, c);
        item->setForeground(1, c);
    }
    locationItem(item, l.location, 2);
    m_console->scrollToItem(item);
    updateStatus();
}

} // namespace stampede::ui
