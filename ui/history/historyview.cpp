#include "ui/history/historyview.h"

#include "core/storage/compare.h"
#include "core/storage/report.h"
#include "core/storage/rerun.h"
#include "ui/history/historyprompts.h"
#include "ui/models/runlistmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

namespace stampede::ui {

namespace {
QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

constexpr storage::Verdict kVerdicts[] = {storage::Verdict::Passed, storage::Verdict::ThresholdsFailed,
                                          storage::Verdict::Aborted, storage::Verdict::Interrupted,
                                          storage::Verdict::Error, storage::Verdict::Running};
} // namespace

HistoryView::HistoryView(QWidget *parent)
    : QWidget(parent)
    , m_prompts(std::make_unique<DialogHistoryPrompts>())
{
    setObjectName(u"historyView"_s);
    m_workDir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u"/rerun"_s;

    // Filters.
    m_testFilter = new QComboBox(this);
    m_testFilter->setObjectName(u"historyTestFilter"_s);
    // Long paths (two scripts of the same name) must not push the other filters away.
    m_testFilter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_testFilter->setMinimumContentsLength(22);
    m_verdictFilter = new QComboBox(this);
    m_verdictFilter->setObjectName(u"historyVerdictFilter"_s);
    m_verdictFilter->addItem(tr("Any verdict"), -1);
    for (storage::Verdict v : kVerdicts)
        m_verdictFilter->addItem(RunListModel::verdictText(v), int(v));
    m_fromCheck = new QCheckBox(tr("From"), this);
    m_fromDate = new QDateEdit(QDate::currentDate().addDays(-7), this);
    m_fromDate->setCalendarPopup(true);
    m_fromDate->setEnabled(false);
    m_toCheck = new QCheckBox(tr("To"), this);
    m_toDate = new QDateEdit(QDate::currentDate(), this);
    m_toDate->setCalendarPopup(true);
    m_toDate->setEnabled(false);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(u"historyCount"_s);

    auto *filters = new QHBoxLayout;
    filters->setSpacing(6);
    filters->addWidget(new QLabel(tr("Test:"), this));
    filters->addWidget(m_testFilter);
    filters->addSpacing(8);
    filters->addWidget(new QLabel(tr("Verdict:"), this));
    filters->addWidget(m_verdictFilter);
    filters->addSpacing(8);
    filters->addWidget(m_fromCheck);
    filters->addWidget(m_fromDate);
    filters->addWidget(m_toCheck);
    filters->addWidget(m_toDate);
    filters->addStretch(1);
    filters->addWidget(m_countLabel);

    // The runs.
    m_model = new RunListModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunListModel::SortRole);
    m_view = new QTableView(this);
    m_view->setObjectName(u"historyTable"_s);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RunListModel::Started, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RunListModel::Exit, QHeaderView::Stretch);
    header->setHighlightSections(false);
    header->setMinimumSectionSize(m_view->fontMetrics().horizontalAdvance(u"★"_s) + 16);

    // Actions.
    auto button = [this](const QString &text, const QString &objectName, const QString &tip) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(objectName);
        b->setToolTip(tip);
        return b;
    };
    m_baselineButton = button(tr("Star as Baseline"), u"historyBaseline"_s,
                              tr("Make the selected run the baseline its test is compared with"));
    m_compareButton = button(tr("Compare"), u"historyCompare"_s,
                             tr("Compare two selected runs (the older one is the base)"));
    m_compareBaselineButton = button(tr("Compare with Baseline"), u"historyCompareBaseline"_s,
                                     tr("Compare the selected run with the baseline of its test"));
    m_rerunButton = button(tr("Run Again"), u"historyRerun"_s,
                           tr("Run the recorded script again with the recorded options"));
    m_exportButton = button(tr("Export…"), u"historyExport"_s, tr("Export the selected run as HTML, JSON or CSV"));
    m_deleteButton = button(tr("Delete…"), u"historyDelete"_s, tr("Delete the selected runs from the history"));
    auto *refreshButton = button(tr("Refresh"), u"historyRefresh"_s, tr("Reload the history"));
    auto *actions = new QHBoxLayout;
    actions->setSpacing(6);
    for (QPushButton *b : {m_baselineButton, m_compareButton, m_compareBaselineButton, m_rerunButton, m_exportButton,
                           m_deleteButton})
        actions->addWidget(b);
    actions->addStretch(1);
    actions->addWidget(refreshButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addLayout(actions);

    connect(m_testFilter, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_reloading)
            refresh();
    });
    connect(m_verdictFilter, &QComboBox::currentIndexChanged, this, &HistoryView::refresh);
    connect(m_fromCheck, &QCheckBox::toggled, m_fromDate, &QWidget::setEnabled);
    connect(m_toCheck, &QCheckBox::toggled, m_toDate, &QWidget::setEnabled);
    connect(m_fromCheck, &QCheckBox::toggled, this, &HistoryView::refresh);
    connect(m_toCheck, &QCheckBox::toggled, this, &HistoryView::refresh);
    connect(m_fromDate, &QDateEdit::dateChanged, this, &HistoryView::refresh);
    connect(m_toDate, &QDateEdit::dateChanged, this, &HistoryView::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        Q_EMIT selectionChanged();
    });
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        const qint64 id = index.data(RunListModel::RunIdRole).toLongLong();
        compareWithBaseline(id);
    });
    connect(refreshButton, &QPushButton::clicked, this, &HistoryView::refresh);
    connect(m_baselineButton, &QPushButton::clicked, this, [this] {
        const auto ids = selectedRunIds();
        if (ids.size() == 1)
            if (const storage::RunRecord *r = recordOf(ids.front()))
                setBaseline(r->id, !r->baseline);
    });
    connect(m_compareButton, &QPushButton::clicked, this, &HistoryView::compareSelected);
    connect(m_compareBaselineButton, &QPushButton::clicked, this, [this] {
        const auto ids = selectedRunIds();
        if (ids.size() == 1)
            compareWithBaseline(ids.front());
    });
    connect(m_rerunButton, &QPushButton::clicked, this, [this] {
        const auto ids = selectedRunIds();
        if (ids.size() == 1)
            rerun(ids.front());
    });
    connect(m_exportButton, &QPushButton::clicked, this, [this] {
        const auto ids = selectedRunIds();
        const storage::RunRecord *r = ids.size() == 1 ? recordOf(ids.front()) : nullptr;
        if (!r)
            return;
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        const QString suggestion = QDir(dir).filePath(
            u"%1-run-%2.html"_s.arg(QFileInfo(qs(r->scriptName)).completeBaseName()).arg(r->id));
        const QString path = m_prompts->askExportFileName(this, suggestion);
        if (!path.isEmpty())
            exportRun(r->id, path);
    });
    connect(m_deleteButton, &QPushButton::clicked, this, [this] { deleteRuns(selectedRunIds()); });

    setDatabasePath(qs(storage::HistoryDb::defaultPath()));
}

HistoryView::~HistoryView() = default;

bool HistoryView::setDatabasePath(const QString &path)
{
    auto db = storage::HistoryDb::open(path.toStdString());
    if (!db) {
        m_error = qs(db.error().toString());
        m_db.reset();
        m_model->setRuns({});
        m_countLabel->setText(tr("The history is not available: %1").arg(m_error));
        updateActions();
        return false;
    }
    m_db = std::move(*db);
    m_error.clear();
    refresh();
    return true;
}

QString HistoryView::databasePath() const
{
    return m_db ? qs(m_db->path()) : QString();
}

void HistoryView::setPrompts(std::unique_ptr<HistoryPrompts> prompts)
{
    m_prompts = prompts ? std::move(prompts) : std::make_unique<DialogHistoryPrompts>();
}

void HistoryView::showError(const QString &title, const QString &message)
{
    m_error = message;
    m_prompts->showError(this, title, message);
}

void HistoryView::setTestFilter(const QString &test)
{
    const int index = test.isEmpty() ? 0 : m_testFilter->findData(test);
    m_testFilter->setCurrentIndex(std::max(0, index));
}

void HistoryView::setVerdictFilter(std::optional<storage::Verdict> verdict)
{
    const int index = m_verdictFilter->findData(verdict ? int(*verdict) : -1);
    m_verdictFilter->setCurrentIndex(std::max(0, index));
}

void HistoryView::setDateRange(const QDate &from, const QDate &to)
{
    const QSignalBlocker b1(m_fromCheck), b2(m_toCheck), b3(m_fromDate), b4(m_toDate);
    m_fromCheck->setChecked(from.isValid());
    m_fromDate->setEnabled(from.isValid());
    if (from.isValid())
        m_fromDate->setDate(from);
    m_toCheck->setChecked(to.isValid());
    m_toDate->setEnabled(to.isValid());
    if (to.isValid())
        m_toDate->setDate(to);
    refresh();
}

QStringList HistoryView::tests() const
{
    QStringList out;
    for (int i = 1; i < m_testFilter->count(); ++i)
        out.append(m_testFilter->itemData(i).toString());
    return out;
}

storage::RunFilter HistoryView::currentFilter() const
{
    storage::RunFilter f;
    f.test = m_testFilter->currentData().toString().toStdString();
    const int verdict = m_verdictFilter->currentData().toInt();
    if (verdict >= 0)
        f.verdict = storage::Verdict(verdict);
    if (m_fromCheck->isChecked())
        f.sinceMs = m_fromDate->date().startOfDay().toMSecsSinceEpoch();
    if (m_toCheck->isChecked())
        f.untilMs = m_toDate->date().addDays(1).startOfDay().toMSecsSinceEpoch(); // the whole day
    return f;
}

void HistoryView::reloadTests()
{
    if (!m_db)
        return;
    auto all = m_db->listRuns({});
    if (!all)
        return;
    const QString current = m_testFilter->currentData().toString();
    m_reloading = true;
    m_testFilter->clear();
    m_testFilter->addItem(tr("All tests"), QString());
    const auto tests = storage::distinctTests(*all);
    std::map<QString, int> nameCount;
    for (const std::string &t : tests)
        ++nameCount[QFileInfo(qs(t)).fileName()];
    for (const std::string &t : tests) {
        const QString path = qs(t);
        const QString name = QFileInfo(path).fileName();
        // Two scripts with the same name: show their folders too.
        m_testFilter->addItem(nameCount[name] > 1 ? QDir::toNativeSeparators(path) : name, path);
        m_testFilter->setItemData(m_testFilter->count() - 1, QDir::toNativeSeparators(path), Qt::ToolTipRole);
    }
    m_testFilter->setCurrentIndex(std::max(0, m_testFilter->findData(current)));
    m_reloading = false;
}

void HistoryView::refresh()
{
    if (!m_db)
        return;
    const std::vector<int64_t> selected = selectedRunIds();
    reloadTests();
    auto runs = m_db->listRuns(currentFilter());
    if (!runs) {
        m_countLabel->setText(qs(runs.error().toString()));
        return;
    }
    m_model->setRuns(std::move(*runs));
    m_countLabel->setText(tr("%n run(s)", nullptr, m_model->rowCount()));
    selectRuns(selected);
    updateActions();
}

std::vector<int64_t> HistoryView::visibleRunIds() const
{
    std::vector<int64_t> ids;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        ids.push_back(m_proxy->index(row, 0).data(RunListModel::RunIdRole).toLongLong());
    return ids;
}

std::vector<int64_t> HistoryView::selectedRunIds() const
{
    std::vector<int64_t> ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids.push_back(index.data(RunListModel::RunIdRole).toLongLong());
    return ids;
}

void HistoryView::selectRuns(const std::vector<int64_t> &ids)
{
    QItemSelection selection;
    for (int64_t id : ids) {
        const int row = m_model->rowOf(id);
        if (row < 0)
            continue;
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        selection.select(index, index.siblingAtColumn(RunListModel::ColumnCount - 1));
    }
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!selection.isEmpty())
        m_view->scrollTo(selection.indexes().constFirst());
}

const storage::RunRecord *HistoryView::recordOf(int64_t runId) const
{
    return m_model->runAt(m_model->rowOf(runId));
}

void HistoryView::updateActions()
{
    const auto ids = selectedRunIds();
    const storage::RunRecord *one = ids.size() == 1 ? recordOf(ids.front()) : nullptr;
    m_baselineButton->setEnabled(one != nullptr);
    m_baselineButton->setText(one && one->baseline ? tr("Remove Baseline Star") : tr("Star as Baseline"));
    m_compareButton->setEnabled(ids.size() == 2);
    m_compareBaselineButton->setEnabled(one != nullptr && !one->baseline);
    m_rerunButton->setEnabled(one != nullptr);
    m_exportButton->setEnabled(one != nullptr);
    m_deleteButton->setEnabled(!ids.empty());
}

bool HistoryView::setBaseline(int64_t runId, bool on)
{
    if (!m_db)
        return false;
    if (Status s = m_db->setBaseline(runId, on); !s) {
        showError(tr("Cannot Change the Baseline"), qs(s.error().toString()));
        return false;
    }
    refresh();
    return true;
}

bool HistoryView::deleteRuns(const std::vector<int64_t> &ids)
{
    if (!m_db || ids.empty())
        return false;
    QStringList what;
    for (int64_t id : ids) {
        const storage::RunRecord *r = recordOf(id);
        what.append(r ? tr("#%1 %2 (%3)").arg(id).arg(qs(r->scriptName), RunListModel::verdictText(r->verdict))
                      : tr("#%1").arg(id));
    }
    if (!m_prompts->confirmDelete(this, int(ids.size()), what.join(u", "_s)))
        return false;
    bool ok = true;
    for (int64_t id : ids) {
        if (Status s = m_db->deleteRun(id); !s) {
            showError(tr("Cannot Delete the Run"), qs(s.error().toString()));
            ok = false;
        }
    }
    refresh();
    return ok;
}

bool HistoryView::exportRun(int64_t runId, const QString &path)
{
    if (!m_db)
        return false;
    auto data = storage::loadRun(*m_db, runId);
    if (!data) {
        showError(tr("Cannot Export the Run"), qs(data.error().toString()));
        return false;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    std::string text;
    if (suffix == u"html"_s || suffix == u"htm"_s)
        text = storage::runToHtml(*data);
    else if (suffix == u"csv"_s)
        text = storage::runToCsv(*data);
    else
        text = storage::runToJson(*data).dump(2) + "\n";
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) != qint64(text.size()) ||
        !file.commit()) {
        showError(tr("Cannot Export the Run"),
                  tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    return true;
}

bool HistoryView::rerun(int64_t runId)
{
    if (!m_db)
        return false;
    auto record = m_db->run(runId);
    auto files = record ? m_db->files(runId) : Result<std::vector<storage::RunInfo::File>>(record.error());
    if (!files) {
        showError(tr("Cannot Run Again"), qs(files.error().toString()));
        return false;
    }
    std::map<std::string, std::string> env;
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    const QStringList keys = system.keys();
    for (const QString &k : keys)
        env[k.toStdString()] = system.value(k).toStdString();
    auto plan = storage::prepareRerun(*record, *files, m_workDir.toStdString(), env);
    if (!plan) {
        showError(tr("Cannot Run Again"), qs(plan.error().toString()));
        return false;
    }
    QStringList args;
    for (const std::string &a : plan->args)
        args.append(qs(a));
    QString note;
    if (plan->fromSnapshot)
        note = QFileInfo::exists(qs(record->test))
                   ? tr("The script has changed since run #%1; running the recorded snapshot instead.").arg(runId)
                   : tr("The script is no longer at %1; running the recorded snapshot instead.")
                         .arg(QDir::toNativeSeparators(qs(record->test)));
    Q_EMIT rerunRequested(qs(plan->script), args, note);
    return true;
}

bool HistoryView::compareSelected()
{
    auto ids = selectedRunIds();
    if (ids.size() == 1)
        return compareWithBaseline(ids.front());
    if (ids.size() != 2)
        return false;
    const storage::RunRecord *a = recordOf(ids[0]);
    const storage::RunRecord *b = recordOf(ids[1]);
    if (!a || !b)
        return false;
    if (a->test != b->test) {
        showError(tr("Cannot Compare"), tr("Runs of different tests cannot be compared: %1 and %2.")
                                            .arg(qs(a->scriptName), qs(b->scriptName)));
        return false;
    }
    // The older run is the base.
    if (std::pair(a->startedMs, a->id) > std::pair(b->startedMs, b->id))
        std::swap(a, b);
    Q_EMIT compareRequested(a->id, b->id);
    return true;
}

bool HistoryView::compareWithBaseline(int64_t runId)
{
    if (!m_db)
        return false;
    auto record = m_db->run(runId);
    if (!record) {
        showError(tr("Cannot Compare"), qs(record.error().toString()));
        return false;
    }
    auto base = m_db->baselineOf(record->test);
    if (!base || !*base) {
        showError(tr("Cannot Compare"), tr("%1 has no baseline yet: star one of its runs as the baseline first.")
                                            .arg(qs(record->scriptName)));
        return false;
    }
    if (**base == runId) {
        showError(tr("Cannot Compare"), tr("Run #%1 is itself the baseline of %2.").arg(runId).arg(qs(record->scriptName)));
        return false;
    }
    Q_EMIT compareRequested(**base, runId);
    return true;
}

} // namespace stampede::ui
