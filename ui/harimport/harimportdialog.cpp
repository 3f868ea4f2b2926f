#include "ui/harimport/harimportdialog.h"

#include "core/har/parser.h"
#include "core/studio/runcontroller.h"
#include "core/util/duration.h"
#include "ui/editor/codeeditor.h"
#include "ui/harimport/harrequestmodel.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/prompts.h"
#include "ui/run/outputpane.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stampede::ui {

namespace {

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

std::vector<std::string> splitList(const QString &text)
{
    std::vector<std::string> out;
    const QStringList parts = text.split(QRegularExpression(u"[,\\s]+"_s), Qt::SkipEmptyParts);
    for (const QString &p : parts)
        out.push_back(p.toStdString());
    return out;
}

QString joinList(const std::vector<std::string> &items)
{
    QStringList out;
    for (const std::string &s : items)
        out << fromStd(s);
    return out.join(u", "_s);
}

// The rules file without the parts the widgets show (filters and script options).
QString advancedRulesText(const har::Rules &rules)
{
    nlohmann::json doc = har::rulesToJson(rules);
    if (doc.is_object()) {
        doc.erase("filters");
        doc.erase("script");
        doc.erase("version");
        for (const char *key : {"correlations", "parameters", "verifications", "customCode"})
            if (!doc.contains(key))
                doc[key] = nlohmann::json::array();
    }
    return fromStd(doc.dump(2));
}

// "checks.........: 83.33% ✓ 5 ✗ 1" in the end-of-test summary -> {passed, failed}, {-1, -1} if absent.
std::pair<int, int> checksFromSummary(const QStringList &lines)
{
    static const QRegularExpression re(u"checks\\.*: *[0-9.]+% +✓ (\\d+) +✗ (\\d+)"_s);
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const auto m = re.match(*it);
        if (m.hasMatch())
            return {m.captured(1).toInt(), m.captured(2).toInt()};
    }
    return {-1, -1};
}

} // namespace

HarImportDialog::HarImportDialog(MainWindow *window)
    : QDialog(window)
    , m_window(window)
{
    setObjectName(u"harImportDialog"_s);
    setWindowTitle(tr("Import HAR Recording"));
    setWindowFlag(Qt::WindowMaximizeButtonHint, true);
    buildUi();

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &HarImportDialog::startPreview);
    connect(&m_loadWatcher, &QFutureWatcher<Loaded>::finished, this, &HarImportDialog::onLoaded);
    connect(&m_previewWatcher, &QFutureWatcher<har::ImportPreview>::finished, this, &HarImportDialog::onPreviewReady);
    updateButtons();
    resize(1280, 800);
}

HarImportDialog::~HarImportDialog()
{
    if (m_runOutput)
        disconnect(m_runOutput);
    if (m_runFinished)
        disconnect(m_runFinished);
    // The jobs only hold values; they may finish after the dialog is gone, their results are dropped.
}

void HarImportDialog::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    auto *fileRow = new QHBoxLayout();
    fileRow->addWidget(new QLabel(tr("Recording:"), this));
    m_pathEdit = new QLineEdit(this);
    m_pathEdit->setObjectName(u"harPath"_s);
    m_pathEdit->setReadOnly(true);
    m_pathEdit->setPlaceholderText(tr("Choose a HAR file exported from the browser's developer tools"));
    fileRow->addWidget(m_pathEdit, 1);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &HarImportDialog::browse);
    fileRow->addWidget(browse);
    layout->addLayout(fileRow);

    m_error = new QLabel(this);
    m_error->setObjectName(u"harError"_s);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(u"QLabel { color: #c0392b; }"_s);
    m_error->hide();
    layout->addWidget(m_error);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(splitter, 1);

    // Left: requests, proposals, rules.
    m_tabs = new QTabWidget(splitter);
    m_tabs->setObjectName(u"harTabs"_s);

    auto *requests = new QWidget(m_tabs);
    auto *reqLayout = new QVBoxLayout(requests);
    auto *filterForm = new QFormLayout();
    m_allowHosts = new QLineEdit(requests);
    m_allowHosts->setObjectName(u"allowHosts"_s);
    m_allowHosts->setPlaceholderText(tr("the first page's host; *.example.com for subdomains"));
    m_allowHosts->setToolTip(tr("Only requests to these hosts are kept (comma-separated)"));
    filterForm->addRow(tr("Allowed &hosts:"), m_allowHosts);
    m_blockUrls = new QLineEdit(requests);
    m_blockUrls->setObjectName(u"blockUrls"_s);
    m_blockUrls->setPlaceholderText(tr("e.g. */analytics/*, /\\.map$/"));
    m_blockUrls->setToolTip(tr("Requests whose URL matches one of these patterns are left out: globs with * and ?, "
                               "or /regular expressions/ (comma-separated)"));
    filterForm->addRow(tr("&Block URLs:"), m_blockUrls);
    reqLayout->addLayout(filterForm);
    auto *checks = new QHBoxLayout();
    m_includeStatic = new QCheckBox(tr("Include &static assets"), requests);
    m_includeStatic->setObjectName(u"includeStatic"_s);
    m_includeThirdParty = new QCheckBox(tr("Include &third-party"), requests);
    m_includeThirdParty->setObjectName(u"includeThirdParty"_s);
    m_includeCached = new QCheckBox(tr("Include &cached"), requests);
    m_includeCached->setObjectName(u"includeCached"_s);
    m_includeFailed = new QCheckBox(tr("Include &failed"), requests);
    m_includeFailed->setObjectName(u"includeFailed"_s);
    m_showExcluded = new QCheckBox(tr("Show &left-out requests"), requests);
    m_showExcluded->setObjectName(u"showExcluded"_s);
    m_showExcluded->setChecked(true);
    for (QCheckBox *box : {m_includeStatic, m_includeThirdParty, m_includeCached, m_includeFailed})
        checks->addWidget(box);
    checks->addStretch(1);
    checks->addWidget(m_showExcluded);
    reqLayout->addLayout(checks);

    m_model = new HarRequestModel(this);
    m_visible = new HarRequestFilterModel(this);
    m_visible->setSourceModel(m_model);
    m_table = new QTableView(requests);
    m_table->setObjectName(u"requestTable"_s);
    m_table->setModel(m_visible);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(false);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true); // the rule names
    header->resizeSection(HarRequestModel::Method, 60);
    header->resizeSection(HarRequestModel::Host, 110);
    header->resizeSection(HarRequestModel::Path, 200);
    header->resizeSection(HarRequestModel::Status, 52);
    header->resizeSection(HarRequestModel::Type, 150);
    header->resizeSection(HarRequestModel::Size, 70);
    header->resizeSection(HarRequestModel::Time, 55);
    reqLayout->addWidget(m_table, 1);
    m_summary = new QLabel(requests);
    m_summary->setObjectName(u"requestSummary"_s);
    reqLayout->addWidget(m_summary);
    m_tabs->addTab(requests, tr("&Requests"));

    auto *correlation = new QWidget(m_tabs);
    auto *corrLayout = new QVBoxLayout(correlation);
    auto *corrHint = new QLabel(tr("Values a response returned and later requests sent back. Tick a proposal to "
                                   "extract the value at run time and send it instead of the recorded one; accepted "
                                   "proposals are saved as correlation rules."),
                                correlation);
    corrHint->setWordWrap(true);
    corrLayout->addWidget(corrHint);
    m_proposals = new QTreeWidget(correlation);
    m_proposals->setObjectName(u"proposalList"_s);
    m_proposals->setRootIsDecorated(false);
    m_proposals->setColumnCount(4);
    m_proposals->setHeaderLabels({tr("Variable"), tr("Found in"), tr("Used by"), tr("Evidence")});
    m_proposals->header()->resizeSection(0, 150);
    m_proposals->header()->resizeSection(1, 160);
    m_proposals->header()->resizeSection(2, 110);
    connect(m_proposals, &QTreeWidget::itemChanged, this, &HarImportDialog::onProposalChanged);
    corrLayout->addWidget(m_proposals, 1);
    m_tabs->addTab(correlation, tr("&Correlation"));

    auto *rules = new QWidget(m_tabs);
    auto *rulesLayout = new QVBoxLayout(rules);
    auto *rulesHint = new QLabel(tr("Correlation, parameter, verification and custom code rules as JSON (the format "
                                    "of the .rules.json file saved beside the HAR). Changes apply as you type."),
                                 rules);
    rulesHint->setWordWrap(true);
    rulesLayout->addWidget(rulesHint);
    m_rulesEdit = new QPlainTextEdit(rules);
    m_rulesEdit->setObjectName(u"rulesEditor"_s);
    m_rulesEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_rulesEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_rulesEdit->setPlainText(advancedRulesText({}));
    rulesLayout->addWidget(m_rulesEdit, 1);
    m_rulesStatus = new QLabel(rules);
    m_rulesStatus->setObjectName(u"rulesStatus"_s);
    m_rulesStatus->setWordWrap(true);
    rulesLayout->addWidget(m_rulesStatus);
    m_tabs->addTab(rules, tr("R&ules"));

    // Right: the script preview.
    auto *previewBox = new QGroupBox(tr("Script preview"), splitter);
    auto *previewLayout = new QVBoxLayout(previewBox);
    m_preview = new CodeEditor(previewBox);
    m_preview->setObjectName(u"scriptPreview"_s);
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    previewLayout->addWidget(m_preview, 1);
    m_warnings = new QLabel(previewBox);
    m_warnings->setObjectName(u"previewWarnings"_s);
    m_warnings->setWordWrap(true);
    m_warnings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warnings->hide();
    previewLayout->addWidget(m_warnings);

    splitter->addWidget(m_tabs);
    splitter->addWidget(previewBox);
    splitter->setStretchFactor(0, 6);
    splitter->setStretchFactor(1, 5);
    splitter->setSizes({840, 540});

    // Options.
    auto *options = new QHBoxLayout();
    m_thinkTime = new QCheckBox(tr("&Think time"), this);
    m_thinkTime->setObjectName(u"thinkTime"_s);
    m_thinkTime->setToolTip(tr("Pause between requests as the recording did (between 0.5 and 10 seconds)"));
    options->addWidget(m_thinkTime);
    m_statusChecks = new QCheckBox(tr("Status &checks"), this);
    m_statusChecks->setObjectName(u"statusChecks"_s);
    m_statusChecks->setChecked(true);
    m_statusChecks->setToolTip(tr("Check that every response has the recorded status"));
    options->addWidget(m_statusChecks);
    options->addSpacing(16);
    auto *vusLabel = new QLabel(tr("&VUs:"), this);
    m_vus = new QSpinBox(this);
    m_vus->setObjectName(u"vus"_s);
    m_vus->setRange(0, 100000);
    //: VUs spin box at 0: the generated script ramps up and down on its own
    m_vus->setSpecialValueText(tr("default ramp"));
    vusLabel->setBuddy(m_vus);
    options->addWidget(vusLabel);
    options->addWidget(m_vus);
    auto *durationLabel = new QLabel(tr("&Duration:"), this);
    m_duration = new QLineEdit(this);
    m_duration->setObjectName(u"duration"_s);
    m_duration->setPlaceholderText(tr("e.g. 1m30s"));
    m_duration->setMaximumWidth(110);
    durationLabel->setBuddy(m_duration);
    options->addWidget(durationLabel);
    options->addWidget(m_duration);
    options->addStretch(1);
    layout->addLayout(options);

    m_validation = new QLabel(this);
    m_validation->setObjectName(u"validationResult"_s);
    m_validation->setWordWrap(true);
    m_validation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_validation->hide();
    layout->addWidget(m_validation);

    auto *buttons = new QDialogButtonBox(this);
    m_validateButton = buttons->addButton(tr("Create and &Validate"), QDialogButtonBox::ActionRole);
    m_validateButton->setObjectName(u"createAndValidate"_s);
    m_validateButton->setToolTip(tr("Create the script and run one iteration with one VU"));
    m_createButton = buttons->addButton(tr("C&reate Script"), QDialogButtonBox::AcceptRole);
    m_createButton->setObjectName(u"createScript"_s);
    m_createButton->setDefault(true);
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_createButton, &QPushButton::clicked, this, [this] {
        if (!createScript(false).isEmpty())
            accept();
    });
    connect(m_validateButton, &QPushButton::clicked, this, [this] { createScript(true); });
    layout->addWidget(buttons);

    // Everything that changes the script regenerates the preview (debounced).
    for (QLineEdit *edit : {m_allowHosts, m_blockUrls, m_duration})
        connect(edit, &QLineEdit::textChanged, this, &HarImportDialog::scheduleUpdate);
    for (QCheckBox *box : {m_includeStatic, m_includeThirdParty, m_includeCached, m_includeFailed, m_thinkTime,
                           m_statusChecks})
        connect(box, &QCheckBox::toggled, this, &HarImportDialog::scheduleUpdate);
    connect(m_vus, &QSpinBox::valueChanged, this, &HarImportDialog::scheduleUpdate);
    connect(m_rulesEdit, &QPlainTextEdit::textChanged, this, [this] {
        updateRulesStatus();
        scheduleUpdate();
    });
    connect(m_showExcluded, &QCheckBox::toggled, m_visible, &HarRequestFilterModel::setShowExcluded);
}

// --- loading ------------------------------------------------------------------

void HarImportDialog::browse()
{
    QString dir = m_harPath.isEmpty() ? m_window->projectFolder() : QFileInfo(m_harPath).absolutePath();
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString path = QFileDialog::getOpenFileName(this, tr("Import HAR Recording"), dir,
                                                      tr("HAR recordings (*.har *.json);;All files (*)"));
    if (!path.isEmpty())
        openHar(path);
}

void HarImportDialog::openHar(const QString &path)
{
    m_harPath = QFileInfo(path).absoluteFilePath();
    m_pathEdit->setText(QDir::toNativeSeparators(m_harPath));
    m_error->hide();
    m_summary->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_loading = true;
    m_loadWatcher.setFuture(QtConcurrent::run([harPath = m_harPath.toStdString()] {
        Loaded out;
        auto archive = har::parseHarFile(harPath);
        if (!archive) {
            out.error = QString::fromStdString(archive.error().message);
            return out;
        }
        out.archive = std::make_shared<const har::Archive>(std::move(*archive));
        const std::string rulesPath = har::rulesPathFor(harPath);
        if (QFileInfo::exists(QString::fromStdString(rulesPath))) {
            out.rulesFound = true;
            auto rules = har::loadRules(rulesPath);
            if (rules)
                out.rules = std::move(*rules);
            else
                out.rulesError = QString::fromStdString(rules.error().message);
        }
        return out;
    }));
    updateButtons();
}

void HarImportDialog::onLoaded()
{
    m_loading = false;
    const Loaded loaded = m_loadWatcher.result();
    m_accepted.clear();
    m_last = {};
    if (!loaded.archive) {
        m_archive.reset();
        m_model->setArchive(nullptr);
        m_preview->clear();
        m_proposals->clear();
        m_summary->clear();
        showError(tr("Cannot read the recording: %1").arg(loaded.error));
        updateButtons();
        Q_EMIT harLoaded(false);
        return;
    }
    m_archive = loaded.archive;
    m_model->setArchive(m_archive);
    if (!loaded.rulesError.isEmpty())
        showError(tr("The rules file beside the recording is not valid and is ignored: %1").arg(loaded.rulesError));
    m_loadedRules = loaded.rulesError.isEmpty() ? loaded.rules : har::Rules{};
    applyRulesToWidgets(m_loadedRules);
    updateRulesStatus();
    m_debounce.stop();
    startPreview();
    Q_EMIT harLoaded(true);
}

void HarImportDialog::applyRulesToWidgets(const har::Rules &rules)
{
    const QList<QWidget *> widgets{m_allowHosts, m_blockUrls, m_includeStatic, m_includeThirdParty, m_includeCached,
                                   m_includeFailed, m_thinkTime,  m_statusChecks, m_vus,             m_duration,
                                   m_rulesEdit};
    for (QWidget *w : widgets)
        w->blockSignals(true);
    m_allowHosts->setText(joinList(rules.filters.allowHosts));
    m_blockUrls->setText(joinList(rules.filters.blockUrls));
    m_includeStatic->setChecked(rules.filters.includeStatic);
    m_includeThirdParty->setChecked(rules.filters.includeThirdParty);
    m_includeCached->setChecked(rules.filters.includeCached);
    m_includeFailed->setChecked(rules.filters.includeFailed);
    m_thinkTime->setChecked(rules.script.thinkTime);
    m_statusChecks->setChecked(rules.script.statusChecks);
    m_vus->setValue(rules.script.vus);
    m_duration->setText(fromStd(rules.script.duration));
    m_rulesEdit->setPlainText(advancedRulesText(rules));
    for (QWidget *w : widgets)
        w->blockSignals(false);
}

QString HarImportDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void HarImportDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setToolTip(message);
    m_error->show();
}

bool HarImportDialog::isBusy() const
{
    return m_loading || m_previewRunning || m_debounce.isActive() || m_previewDirty;
}

// --- rules and preview ----------------------------------------------------------

har::Rules HarImportDialog::currentRules() const
{
    har::Rules rules = m_loadedRules;
    if (const QString text = m_rulesEdit->toPlainText(); !text.trimmed().isEmpty()) {
        const nlohmann::json doc = nlohmann::json::parse(text.toStdString(), nullptr, false);
        if (!doc.is_discarded()) {
            if (auto parsed = har::rulesFromJson(doc, "rules")) {
                rules.correlations = parsed->correlations;
                rules.parameters = parsed->parameters;
                rules.verifications = parsed->verifications;
                rules.customCode = parsed->customCode;
            }
        }
    } else {
        rules.correlations.clear();
        rules.parameters.clear();
        rules.verifications.clear();
        rules.customCode.clear();
    }
    rules.filters.allowHosts = splitList(m_allowHosts->text());
    rules.filters.blockUrls = splitList(m_blockUrls->text());
    rules.filters.includeStatic = m_includeStatic->isChecked();
    rules.filters.includeThirdParty = m_includeThirdParty->isChecked();
    rules.filters.includeCached = m_includeCached->isChecked();
    rules.filters.includeFailed = m_includeFailed->isChecked();
    rules.script.thinkTime = m_thinkTime->isChecked();
    rules.script.statusChecks = m_statusChecks->isChecked();
    rules.script.vus = m_vus->value();
    const std::string duration = m_duration->text().trimmed().toStdString();
    rules.script.duration = !duration.empty() && parseDuration(duration) ? duration : std::string();
    rules.script.autoCorrelate = false;
    return rules;
}

void HarImportDialog::updateRulesStatus()
{
    const QString text = m_rulesEdit->toPlainText();
    QString problem;
    if (!text.trimmed().isEmpty()) {
        try {
            const nlohmann::json doc = nlohmann::json::parse(text.toStdString());
            if (auto parsed = har::rulesFromJson(doc, "rules"); !parsed)
                problem = fromStd(parsed.error().message);
        } catch (const nlohmann::json::parse_error &e) {
            //: %1 is the JSON parser's message
            problem = tr("not valid JSON: %1").arg(QString::fromUtf8(e.what()));
        }
    }
    m_rulesValid = problem.isEmpty();
    m_rulesStatus->setStyleSheet(m_rulesValid ? QString() : u"QLabel { color: #c0392b; }"_s);
    m_rulesStatus->setText(m_rulesValid ? tr("The rules are valid and applied.")
                                        : tr("Not applied: %1").arg(problem));
    if (m_duration->text().trimmed().isEmpty() || parseDuration(m_duration->text().trimmed().toStdString()))
        m_duration->setStyleSheet(QString());
    updateButtons();
}

HarImportDialog::PreviewJob HarImportDialog::currentJob() const
{
    return {m_archive, currentRules(), std::vector<std::string>(m_accepted.begin(), m_accepted.end())};
}

void HarImportDialog::scheduleUpdate()
{
    const QString duration = m_duration->text().trimmed();
    m_duration->setStyleSheet(duration.isEmpty() || parseDuration(duration.toStdString())
                                  ? QString()
                                  : u"QLineEdit { color: #c0392b; }"_s);
    if (m_archive)
        m_debounce.start();
}

void HarImportDialog::startPreview()
{
    if (!m_archive)
        return;
    if (m_previewRunning) {
        m_previewDirty = true; // run again with the newest inputs when this one is done
        return;
    }
    m_previewDirty = false;
    m_previewRunning = true;
    PreviewJob job = currentJob();
    m_previewWatcher.setFuture(QtConcurrent::run([job = std::move(job)] {
        return har::buildImportPreview(*job.archive, job.rules, job.accepted);
    }));
}

void HarImportDialog::onPreviewReady()
{
    m_previewRunning = false;
    if (m_previewDirty || m_debounce.isActive()) {
        // Inputs changed while it ran: this result is stale.
        if (!m_debounce.isActive())
            startPreview();
        return;
    }
    if (!m_archive)
        return; // the recording was replaced by one that failed to load
    m_last = m_previewWatcher.result();
    m_model->setMarks(m_last.marks);
    showProposals(m_last.proposals);

    const QString script = fromStd(m_last.script);
    if (m_preview->toPlainText() != script) {
        const int scroll = m_preview->verticalScrollBar()->value();
        m_preview->setPlainText(m_last.ok ? script : QString());
        m_preview->verticalScrollBar()->setValue(scroll);
    }
    QStringList notes;
    if (!m_last.ok)
        notes << tr("The script cannot be generated: %1").arg(fromStd(m_last.error));
    for (const std::string &w : m_last.warnings)
        notes << fromStd(w);
    m_warnings->setText(notes.join(u'\n'));
    m_warnings->setVisible(!notes.isEmpty());
    m_warnings->setStyleSheet(m_last.ok ? QString() : u"QLabel { color: #c0392b; }"_s);

    const int total = int(m_archive->entries.size());
    const size_t acceptedApplied = size_t(std::count_if(m_last.proposals.begin(), m_last.proposals.end(),
                                                        [this](const har::Proposal &p) { return m_accepted.count(p.value); }));
    const har::Rules &r = m_last.effectiveRules;
    const size_t userRules = r.correlations.size() - std::min(acceptedApplied, r.correlations.size()) +
                             r.parameters.size() + r.verifications.size() + r.customCode.size();
    m_summary->setText(tr("%1 of %n request(s) kept; %2 rule(s) and %3 accepted proposal(s) applied", nullptr, total)
                           .arg(m_last.filter.included.size())
                           .arg(userRules)
                           .arg(acceptedApplied));
    updateButtons();
    Q_EMIT previewUpdated();
}

void HarImportDialog::showProposals(const std::vector<har::Proposal> &proposals)
{
    // Keep the list (and its scroll position) when the same proposals come back.
    bool same = m_proposals->topLevelItemCount() == int(proposals.size());
    for (int i = 0; same && i < int(proposals.size()); ++i)
        same = m_proposals->topLevelItem(i)->data(0, Qt::UserRole).toString() == fromStd(proposals[size_t(i)].value) &&
               m_proposals->topLevelItem(i)->text(0) == fromStd(proposals[size_t(i)].rule.name);
    const QSignalBlocker block(m_proposals);
    if (!same) {
        m_proposals->clear();
        for (const har::Proposal &p : proposals) {
            auto *item = new QTreeWidgetItem(m_proposals);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setText(0, fromStd(p.rule.name));
            item->setData(0, Qt::UserRole, fromStd(p.value));
            const har::Entry &src = m_archive->entries[p.sourceEntry];
            //: Where a proposed value was found: %1 entry number, %2 kind of place ("json", "Location header")
            item->setText(1, tr("#%1 %2").arg(p.sourceEntry).arg(fromStd(p.kind)));
            item->setToolTip(1, fromStd(src.request.method + ' ' + src.request.url));
            item->setText(2, tr("%n request(s)", nullptr, int(p.usedIn.size())));
            QStringList places;
            for (const std::string &s : p.places)
                places << fromStd(s);
            item->setToolTip(2, places.join(u", "_s));
            item->setText(3, fromStd(p.rule.evidence));
            item->setToolTip(3, fromStd(p.rule.evidence));
            item->setToolTip(0, tr("Recorded value: %1").arg(fromStd(p.value)));
        }
    }
    for (int i = 0; i < m_proposals->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_proposals->topLevelItem(i);
        const bool accepted = m_accepted.count(item->data(0, Qt::UserRole).toString().toStdString()) > 0;
        item->setCheckState(0, accepted ? Qt::Checked : Qt::Unchecked);
    }
    m_tabs->setTabText(1, proposals.empty() ? tr("&Correlation") : tr("&Correlation (%1)").arg(proposals.size()));
}

void HarImportDialog::onProposalChanged(QTreeWidgetItem *item, int column)
{
    if (column != 0)
        return;
    const std::string value = item->data(0, Qt::UserRole).toString().toStdString();
    const bool accepted = item->checkState(0) == Qt::Checked;
    if (accepted == (m_accepted.count(value) > 0))
        return;
    if (accepted)
        m_accepted.insert(value);
    else
        m_accepted.erase(value);
    scheduleUpdate();
}

QString HarImportDialog::previewText() const
{
    return m_preview->toPlainText();
}

QString HarImportDialog::validationText() const
{
    return m_validation->isHidden() ? QString() : m_validation->text();
}

void HarImportDialog::updateButtons()
{
    const bool ready = m_archive && m_rulesValid && !m_loading;
    m_createButton->setEnabled(ready);
    m_validateButton->setEnabled(ready && !m_window->runController()->isBusy());
}

// --- creating the script ----------------------------------------------------------

QString HarImportDialog::targetPathFor() const
{
    QString base = QFileInfo(m_harPath).completeBaseName();
    if (base.endsWith(u".har"_s, Qt::CaseInsensitive))
        base.chop(4);
    if (base.isEmpty())
        base = u"recording"_s;
    const QString folder = m_window->projectFolder();
    if (folder.isEmpty()) {
        const QString suggestion = QFileInfo(m_harPath).absoluteDir().filePath(base + u".js"_s);
        return m_window->prompts()->askSaveFileName(const_cast<HarImportDialog *>(this), suggestion);
    }
    // Never overwrite a script in the project: recording.js, recording-2.js, ...
    const QDir dir(folder);
    QString path = dir.filePath(base + u".js"_s);
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = dir.filePath(u"%1-%2.js"_s.arg(base).arg(n));
    return path;
}

QString HarImportDialog::createScript(bool validate)
{
    if (!m_archive || !m_rulesValid || m_loading)
        return {};
    // What is written is what the inputs say now, even if the preview is still catching up.
    m_debounce.stop();
    const PreviewJob job = currentJob();
    const har::ImportPreview result = har::buildImportPreview(*job.archive, job.rules, job.accepted);
    if (!result.ok) {
        m_window->prompts()->showError(this, tr("Cannot Create Script"),
                                       tr("The script cannot be generated: %1").arg(fromStd(result.error)));
        return {};
    }
    const QString path = targetPathFor();
    if (path.isEmpty())
        return {};

    QSaveFile file(path);
    const QByteArray bytes = QByteArray::fromStdString(result.script);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        m_window->prompts()->showError(this, tr("Cannot Create Script"),
                                       tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return {};
    }
    const std::string rulesPath = har::rulesPathFor(m_harPath.toStdString());
    if (Status s = har::saveRules(result.effectiveRules, rulesPath); !s)
        m_window->prompts()->showError(this, tr("Cannot Save Rules"), fromStd(s.error().message));
    m_window->openFile(path);

    m_validation->setStyleSheet(QString());
    m_validation->setText(tr("Created %1; the rules are saved in %2.")
                              .arg(QDir::toNativeSeparators(path),
                                   QDir::toNativeSeparators(QString::fromStdString(rulesPath))));
    m_validation->show();
    if (validate)
        startValidation(path);
    return path;
}

void HarImportDialog::startValidation(const QString &scriptPath)
{
    studio::RunController *run = m_window->runController();
    if (run->isBusy()) {
        m_validation->setText(m_validation->text() + u' ' + tr("A test is running; validate when it has finished."));
        return;
    }
    m_runStdout.clear();
    m_window->outputPane()->clear();
    m_runOutput = connect(run, &studio::RunController::outputReceived, this, [this](const studio::OutputLines &lines) {
        for (const studio::OutputLine &line : lines)
            if (line.channel == studio::OutputLine::Channel::Stdout && m_runStdout.size() < 20000)
                m_runStdout.append(line.text);
    });
    m_runFinished = connect(run, &studio::RunController::finished, this, &HarImportDialog::onValidationFinished);
    m_validation->setText(tr("Validating: one VU runs one iteration of %1…").arg(QFileInfo(scriptPath).fileName()));
    run->start(scriptPath, {u"--vus"_s, u"1"_s, u"--iterations"_s, u"1"_s});
    updateButtons();
}

void HarImportDialog::onValidationFinished(const studio::RunResult &result)
{
    disconnect(m_runOutput);
    disconnect(m_runFinished);
    const auto [passed, failed] = checksFromSummary(m_runStdout);
    const bool ok = result.outcome == studio::RunResult::Outcome::Exited && result.exitCode == 0 && failed <= 0;
    QString text = tr("Validation: %1").arg(result.explanation);
    if (passed >= 0)
        text += u" — "_s + tr("%n check(s) passed", nullptr, passed) + u", "_s + tr("%n failed", nullptr, failed);
    else
        text += u" — "_s + tr("no checks ran");
    if (!ok)
        text += u"\n"_s + tr("See the output pane for the details.");
    m_validation->setText(text);
    m_validation->setStyleSheet(ok ? u"QLabel { color: #1e8449; }"_s : u"QLabel { color: #c0392b; }"_s);
    m_validation->show();
    updateButtons();
    Q_EMIT validationFinished(result.outcome == studio::RunResult::Outcome::Exited ? result.exitCode : -1);
}

} // namespace stampede::ui
