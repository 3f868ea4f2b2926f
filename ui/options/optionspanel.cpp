#include "ui/options/optionspanel.h"

#include "core/studio/stageprofile.h"
#include "ui/options/rowbuttons.h"
#include "ui/options/stagegraph.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using stampede::studio::OptionsDocument;

namespace stampede::ui {

namespace {

constexpr int OriginalRole = Qt::UserRole + 1; // the value as read, to keep expressions as they are

QString expressionText(const QJsonValue &v)
{
    return v.toObject().value(OptionsDocument::ExpressionKey).toString();
}

// A value as the form shows it in a text cell.
QString cellText(const QJsonValue &v)
{
    if (OptionsDocument::isExpression(v))
        return expressionText(v);
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    return {};
}

bool isNumberField(const QString &field)
{
    static const QStringList numbers = {u"vus"_s, u"iterations"_s, u"startVUs"_s, u"rate"_s, u"startRate"_s,
                                        u"preAllocatedVUs"_s, u"maxVUs"_s};
    return numbers.contains(field);
}

// "30s:10, 1m:20" <-> [{duration: '30s', target: 10}, ...]
QString stagesText(const QJsonArray &stages)
{
    QStringList parts;
    for (const QJsonValue &s : stages)
        parts.append(cellText(s.toObject().value(u"duration"_s)) + u":"_s + cellText(s.toObject().value(u"target"_s)));
    return parts.join(u", "_s);
}

bool parseStagesText(const QString &text, QJsonArray &out)
{
    out = {};
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        const QString p = part.trimmed();
        const qsizetype colon = p.lastIndexOf(u':');
        if (colon <= 0)
            return false;
        bool ok = false;
        const int target = p.mid(colon + 1).trimmed().toInt(&ok);
        const QString duration = p.left(colon).trimmed();
        if (!ok || target < 0 || studio::durationSeconds(duration) < 0)
            return false;
        out.append(QJsonObject{{u"duration"_s, duration}, {u"target"_s, target}});
    }
    return true;
}

QJsonObject executorDefaults(const QString &executor)
{
    const QJsonArray stages{QJsonObject{{u"duration"_s, u"30s"_s}, {u"target"_s, 10}}};
    if (executor == u"shared-iterations"_s || executor == u"per-vu-iterations"_s)
        return {{u"vus"_s, 1}, {u"iterations"_s, 10}};
    if (executor == u"constant-vus"_s)
        return {{u"vus"_s, 10}, {u"duration"_s, u"30s"_s}};
    if (executor == u"ramping-vus"_s)
        return {{u"startVUs"_s, 0}, {u"stages"_s, stages}};
    if (executor == u"constant-arrival-rate"_s)
        return {{u"rate"_s, 10}, {u"timeUnit"_s, u"1s"_s}, {u"duration"_s, u"30s"_s}, {u"preAllocatedVUs"_s, 10}};
    if (executor == u"ramping-arrival-rate"_s)
        return {{u"startRate"_s, 0}, {u"timeUnit"_s, u"1s"_s}, {u"preAllocatedVUs"_s, 10}, {u"stages"_s, stages}};
    if (executor == u"externally-controlled"_s)
        return {{u"vus"_s, 10}, {u"maxVUs"_s, 50}, {u"duration"_s, u"10m"_s}};
    return {};
}

const QStringList &commonScenarioFields()
{
    static const QStringList fields = {u"exec"_s, u"startTime"_s, u"gracefulStop"_s};
    return fields;
}

} // namespace

QStringList OptionsPanel::executors()
{
    return {u"shared-iterations"_s, u"per-vu-iterations"_s, u"constant-vus"_s, u"ramping-vus"_s,
            u"constant-arrival-rate"_s, u"ramping-arrival-rate"_s, u"externally-controlled"_s};
}

QStringList OptionsPanel::executorFields(const QString &executor)
{
    if (executor == u"shared-iterations"_s || executor == u"per-vu-iterations"_s)
        return {u"vus"_s, u"iterations"_s, u"maxDuration"_s};
    if (executor == u"constant-vus"_s)
        return {u"vus"_s, u"duration"_s};
    if (executor == u"ramping-vus"_s)
        return {u"startVUs"_s, u"stages"_s, u"gracefulRampDown"_s};
    if (executor == u"constant-arrival-rate"_s)
        return {u"rate"_s, u"timeUnit"_s, u"duration"_s, u"preAllocatedVUs"_s, u"maxVUs"_s};
    if (executor == u"ramping-arrival-rate"_s)
        return {u"startRate"_s, u"timeUnit"_s, u"preAllocatedVUs"_s, u"maxVUs"_s, u"stages"_s};
    if (executor == u"externally-controlled"_s)
        return {u"vus"_s, u"maxVUs"_s, u"duration"_s};
    return {};
}

OptionsPanel::OptionsPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"optionsPanel"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_status = new QLabel(this);
    m_status->setObjectName(u"optionsStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"optionsTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(createGeneralTab(), tr("Load"));
    m_tabs->addTab(createScenariosTab(), tr("Scenarios"));
    m_tabs->addTab(createThresholdsTab(), tr("Thresholds"));
    m_tabs->addTab(createEnvironmentTab(), tr("Environment"));
    layout->addWidget(m_tabs, 1);

    m_refresh.setSingleShot(true);
    m_refresh.setInterval(400);
    connect(&m_refresh, &QTimer::timeout, this, &OptionsPanel::reparse);
    setTextDocument(nullptr);
}

OptionsPanel::~OptionsPanel() = default;

// --- tabs ---------------------------------------------------------------------------

QWidget *OptionsPanel::createGeneralTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout();
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    auto makeStack = [page](QWidget *editor, QLineEdit *&expr) {
        auto *stack = new QStackedWidget(page);
        stack->addWidget(editor);
        auto *exprPage = new QWidget(page);
        auto *exprLayout = new QHBoxLayout(exprPage);
        exprLayout->setContentsMargins(0, 0, 0, 0);
        expr = new QLineEdit(exprPage);
        expr->setReadOnly(true);
        QFont italic = expr->font();
        italic.setItalic(true);
        expr->setFont(italic);
        QPalette pal = expr->palette();
        pal.setColor(QPalette::Text, pal.color(QPalette::PlaceholderText));
        pal.setColor(QPalette::Base, pal.color(QPalette::Window));
        expr->setPalette(pal);
        expr->setToolTip(tr("Not a literal value: edit it in the script"));
        exprLayout->addWidget(expr, 1);
        //: Next to a value that is code, not a literal (e.g. __ENV.VUS || 10): the form cannot edit it.
        auto *note = new QLabel(tr("expression"), exprPage);
        note->setEnabled(false);
        exprLayout->addWidget(note);
        stack->addWidget(exprPage);
        stack->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        return stack;
    };

    m_vus = new QSpinBox(page);
    m_vus->setObjectName(u"optionVus"_s);
    m_vus->setRange(0, 1000000);
    //: Shown in a number field when the option is not in the script.
    m_vus->setSpecialValueText(tr("not set"));
    m_vusStack = makeStack(m_vus, m_vusExpr);
    form->addRow(tr("&VUs:"), m_vusStack);
    connect(m_vus, &QSpinBox::valueChanged, this, [this](int v) {
        if (!m_filling)
            writeScalar(u"vus"_s, v > 0 ? QJsonValue(v) : QJsonValue(QJsonValue::Undefined));
    });

    m_duration = new QLineEdit(page);
    m_duration->setObjectName(u"optionDuration"_s);
    m_duration->setPlaceholderText(tr("not set, e.g. 30s or 1m30s"));
    m_durationStack = makeStack(m_duration, m_durationExpr);
    form->addRow(tr("&Duration:"), m_durationStack);
    connect(m_duration, &QLineEdit::editingFinished, this, [this] {
        if (m_filling)
            return;
        const QString text = m_duration->text().trimmed();
        if (text == cellText(m_options.value(u"duration"_s)))
            return;
        if (!text.isEmpty() && studio::durationSeconds(text) < 0) {
            setStatus(tr("\"%1\" is not a duration such as 30s, 1m30s or 500ms").arg(text), true);
            return;
        }
        writeScalar(u"duration"_s, text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text));
    });

    m_iterations = new QSpinBox(page);
    m_iterations->setObjectName(u"optionIterations"_s);
    m_iterations->setRange(0, 1000000000);
    m_iterations->setSpecialValueText(tr("not set"));
    m_iterationsStack = makeStack(m_iterations, m_iterationsExpr);
    form->addRow(tr("&Iterations:"), m_iterationsStack);
    connect(m_iterations, &QSpinBox::valueChanged, this, [this](int v) {
        if (!m_filling)
            writeScalar(u"iterations"_s, v > 0 ? QJsonValue(v) : QJsonValue(QJsonValue::Undefined));
    });
    layout->addLayout(form);

    auto *stagesHeader = new QHBoxLayout();
    stagesHeader->addWidget(new QLabel(tr("Stages (ramping VUs):"), page), 1);
    m_stages = new QTableWidget(0, 2, page);
    auto *stageButtons = new RowButtons(m_stages,
                                        {tr("Add a stage"), tr("Remove the selected stage"),
                                         tr("Move the selected stage up"), tr("Move the selected stage down")},
                                        RowButtons::Moves::Yes, page);
    stageButtons->addButton()->setObjectName(u"addStage"_s);
    stagesHeader->addWidget(stageButtons);
    layout->addLayout(stagesHeader);
    connect(stageButtons, &RowButtons::addClicked, this, &OptionsPanel::addStage);
    connect(stageButtons, &RowButtons::removeClicked, this, &OptionsPanel::removeStage);
    connect(stageButtons, &RowButtons::moveClicked, this, &OptionsPanel::moveStage);

    m_stages->setObjectName(u"stagesTable"_s);
    m_stages->setHorizontalHeaderLabels({tr("Duration"), tr("Target VUs")});
    m_stages->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_stages->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_stages->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stages->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stages->setMinimumHeight(m_stages->horizontalHeader()->sizeHint().height() +
                               4 * m_stages->verticalHeader()->defaultSectionSize() + 4);
    connect(m_stages, &QTableWidget::cellChanged, this, [this] {
        if (!m_filling)
            writeStages();
    });
    m_graph = new StageGraph(page);
    auto *split = new QSplitter(Qt::Vertical, page);
    split->addWidget(m_stages);
    split->addWidget(m_graph);
    split->setChildrenCollapsible(false);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);
    return page;
}

QWidget *OptionsPanel::createScenariosTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QHBoxLayout(page);
    auto *left = new QVBoxLayout();
    m_scenarioList = new QListWidget(page);
    m_scenarioList->setObjectName(u"scenarioList"_s);
    left->addWidget(m_scenarioList, 1);
    auto *buttons = new RowButtons(m_scenarioList, {tr("Add a scenario"), tr("Remove the selected scenario")},
                                   RowButtons::Moves::No, page);
    left->addWidget(buttons, 0, Qt::AlignLeft);
    layout->addLayout(left, 1);
    connect(buttons, &RowButtons::addClicked, this, &OptionsPanel::addScenario);
    connect(buttons, &RowButtons::removeClicked, this, [this] { removeScenario(currentScenario()); });
    connect(m_scenarioList, &QListWidget::currentRowChanged, this, [this] { fillScenarioDetails(); });
    connect(m_scenarioList, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (!m_filling)
            renameScenario(item->data(Qt::UserRole).toString(), item->text().trimmed());
    });

    m_scenarioDetails = new QWidget(page);
    auto *details = new QVBoxLayout(m_scenarioDetails);
    details->setContentsMargins(0, 0, 0, 0);
    auto *top = new QFormLayout();
    m_executor = new QComboBox(m_scenarioDetails);
    m_executor->setObjectName(u"executorBox"_s);
    m_executor->addItems(executors());
    top->addRow(tr("&Executor:"), m_executor);
    details->addLayout(top);
    m_scenarioForm = new QFormLayout();
    details->addLayout(m_scenarioForm);
    m_scenarioNote = new QLabel(m_scenarioDetails);
    m_scenarioNote->setWordWrap(true);
    details->addWidget(m_scenarioNote);
    m_scenarioGraph = new StageGraph(m_scenarioDetails);
    m_scenarioGraph->setObjectName(u"scenarioStageGraph"_s);
    details->addWidget(m_scenarioGraph, 1);
    details->addStretch(0);
    layout->addWidget(m_scenarioDetails, 2);
    connect(m_executor, &QComboBox::activated, this, [this] {
        if (!m_filling && !currentScenario().isEmpty())
            setScenarioExecutor(currentScenario(), m_executor->currentText());
    });
    return page;
}

QWidget *OptionsPanel::createThresholdsTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_thresholds = new QTableWidget(0, 3, page);
    m_thresholds->setObjectName(u"thresholdsTable"_s);
    m_thresholds->setHorizontalHeaderLabels({tr("Metric"), tr("Expressions (comma-separated)"), tr("Abort on fail")});
    m_thresholds->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_thresholds->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_thresholds->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_thresholds->setColumnWidth(0, fontMetrics().horizontalAdvance(u"http_req_duration"_s) + 24);
    m_thresholds->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_thresholds, 1);
    auto *buttons = new RowButtons(m_thresholds, {tr("Add a threshold"), tr("Remove the selected threshold")},
                                   RowButtons::Moves::No, page);
    layout->addWidget(buttons, 0, Qt::AlignLeft);
    connect(buttons, &RowButtons::addClicked, this, &OptionsPanel::addThreshold);
    connect(buttons, &RowButtons::removeClicked, this, &OptionsPanel::removeThreshold);
    connect(m_thresholds, &QTableWidget::cellChanged, this, [this](int row, int column) {
        if (m_filling)
            return;
        const QTableWidgetItem *metric = m_thresholds->item(row, 0);
        const QString original = metric ? metric->data(OriginalRole + 2).toString() : QString();
        if (column == 0 && !original.isEmpty() && m_options.value(u"thresholds"_s).toObject().contains(original)) {
            // A renamed metric keeps its place and its expressions as written.
            ensureFresh();
            const QList<studio::TextEdit> edits = m_doc.renameKey(u"thresholds"_s, original, metric->text().trimmed());
            if (edits.isEmpty())
                setStatus(tr("Cannot rename the threshold metric to \"%1\": the name is empty or taken")
                              .arg(metric->text().trimmed()),
                          true);
            else
                applyEdits(edits);
            QMetaObject::invokeMethod(this, &OptionsPanel::fillThresholds, Qt::QueuedConnection);
            return;
        }
        writeThresholds();
    });
    return page;
}

QWidget *OptionsPanel::createEnvironmentTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *note = new QLabel(tr("Passed to runs of this script as -e KEY=VALUE (read as __ENV.KEY). "
                               "Kept with the studio's settings, not in the script."),
                            page);
    note->setWordWrap(true);
    layout->addWidget(note);
    m_env = new QTableWidget(0, 2, page);
    m_env->setObjectName(u"environmentTable"_s);
    m_env->setHorizontalHeaderLabels({tr("Variable"), tr("Value")});
    m_env->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    layout->addWidget(m_env, 1);
    auto *buttons = new RowButtons(m_env, {tr("Add a variable"), tr("Remove the selected variable")},
                                   RowButtons::Moves::No, page);
    layout->addWidget(buttons, 0, Qt::AlignLeft);
    connect(buttons, &RowButtons::addClicked, this, [this] {
        const QSignalBlocker block(m_env);
        m_env->editItem(m_env->item(appendRow(m_env, {u"NAME"_s, QString()}), 0));
        Q_EMIT environmentChanged(environment());
    });
    connect(buttons, &RowButtons::removeClicked, this, [this](int row) {
        if (hasRow(m_env, row)) {
            m_env->removeRow(row);
            Q_EMIT environmentChanged(environment());
        }
    });
    connect(m_env, &QTableWidget::cellChanged, this, [this] { Q_EMIT environmentChanged(environment()); });
    return page;
}

// --- reading ----------------------------------------------------------------------------

void OptionsPanel::setTextDocument(QTextDocument *document)
{
    if (m_textConnection)
        disconnect(m_textConnection);
    m_text = document;
    m_options = {}; // another script: nothing of the last one may show
    m_parsedText.clear();
    if (document) {
        m_textConnection = connect(document, &QTextDocument::contentsChanged, this, [this] {
            if (!m_writing)
                m_refresh.start();
        });
    }
    reparse();
}

void OptionsPanel::refreshNow()
{
    m_refresh.stop();
    reparse();
}

void OptionsPanel::reparse()
{
    m_refresh.stop();
    if (!m_text) {
        m_doc = OptionsDocument();
        m_options = {};
        setStatus(tr("Open a k6 script to edit its options here."), false);
        fillForm();
        return;
    }
    m_parsedText = m_text->toPlainText();
    m_doc = OptionsDocument::parse(m_parsedText);
    // While the text cannot be read, the (disabled) form keeps showing the last options it could read.
    if (m_doc.isValid())
        m_options = m_doc.options();
    if (!m_doc.isValid()) {
        setStatus(tr("Cannot read the options: line %1, column %2: %3. The form is read-only until the script "
                     "can be read.")
                      .arg(m_doc.errorLine())
                      .arg(m_doc.errorColumn())
                      .arg(m_doc.errorMessage()),
                  true);
    } else if (m_doc.optionsAreExpression()) {
        setStatus(tr("The options are computed by code, not written as an object: edit them in the script."), true);
    } else if (!m_doc.hasOptions()) {
        setStatus(tr("The script has no options object yet; editing adds one after the imports."), false);
    } else {
        setStatus(QString(), false);
    }
    fillForm();
}

bool OptionsPanel::isEditable() const
{
    return m_text && m_doc.isValid() && !m_doc.optionsAreExpression();
}

QString OptionsPanel::statusText() const
{
    return m_status->text();
}

void OptionsPanel::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    m_status->setStyleSheet(error ? u"color: #c01c28;"_s : QString());
}

void OptionsPanel::fillForm()
{
    m_filling = true;
    const bool editable = isEditable();
    for (int i = 0; i < 3; ++i)
        m_tabs->widget(i)->setEnabled(editable);

    auto fillNumber = [this](const QString &key, QStackedWidget *stack, QSpinBox *box, QLineEdit *expr) {
        const QJsonValue v = m_options.value(key);
        if (OptionsDocument::isExpression(v) || (!v.isUndefined() && !v.isDouble())) {
            expr->setText(OptionsDocument::isExpression(v) ? expressionText(v) : cellText(v));
            stack->setCurrentIndex(1);
        } else {
            box->setValue(v.isDouble() ? int(v.toDouble()) : 0);
            stack->setCurrentIndex(0);
        }
    };
    fillNumber(u"vus"_s, m_vusStack, m_vus, m_vusExpr);
    fillNumber(u"iterations"_s, m_iterationsStack, m_iterations, m_iterationsExpr);
    const QJsonValue duration = m_options.value(u"duration"_s);
    if (OptionsDocument::isExpression(duration)) {
        m_durationExpr->setText(expressionText(duration));
        m_durationStack->setCurrentIndex(1);
    } else {
        m_duration->setText(cellText(duration));
        m_durationStack->setCurrentIndex(0);
    }
    fillStages();

    const QString selected = currentScenario();
    m_scenarioList->clear();
    const QJsonValue scenarios = m_options.value(u"scenarios"_s);
    if (scenarios.isObject() && !OptionsDocument::isExpression(scenarios)) {
        const QJsonObject s = scenarios.toObject();
        for (auto it = s.begin(); it != s.end(); ++it) {
            auto *item = new QListWidgetItem(it.key(), m_scenarioList);
            item->setData(Qt::UserRole, it.key());
            item->setFlags(item->flags() | Qt::ItemIsEditable);
            item->setToolTip(tr("Double-click to rename"));
        }
        const auto found = m_scenarioList->findItems(selected, Qt::MatchExactly);
        m_scenarioList->setCurrentRow(found.isEmpty() ? (s.isEmpty() ? -1 : 0) : m_scenarioList->row(found.first()));
    }
    m_filling = false;
    fillScenarioDetails();
    fillThresholds();
}

void OptionsPanel::fillStages()
{
    const bool wasFilling = m_filling;
    m_filling = true;
    const QJsonValue value = m_options.value(u"stages"_s);
    const QJsonArray stages = value.isArray() ? value.toArray() : QJsonArray();
    m_stages->setRowCount(int(stages.size()));
    for (int row = 0; row < stages.size(); ++row) {
        const QJsonValue stage = stages.at(row);
        const QJsonObject o = stage.toObject();
        const bool literal = stage.isObject() && !OptionsDocument::isExpression(stage);
        for (int column = 0; column < 2; ++column) {
            const QJsonValue cell = literal ? o.value(column == 0 ? u"duration"_s : u"target"_s) : stage;
            auto *item = new QTableWidgetItem(cellText(cell));
            item->setData(OriginalRole, cell.toVariant());
            if (!literal || OptionsDocument::isExpression(cell)) {
                item->setFlags(item->flags() & ~Qt::ItemIsEditable);
                item->setToolTip(tr("Not a literal value: edit it in the script"));
                item->setForeground(palette().color(QPalette::PlaceholderText));
            }
            m_stages->setItem(row, column, item);
        }
    }
    m_stages->setEnabled(!OptionsDocument::isExpression(value));
    m_graph->setStages(stages);
    m_filling = wasFilling;
}

void OptionsPanel::fillScenarioDetails()
{
    const bool wasFilling = m_filling;
    m_filling = true;
    while (m_scenarioForm->rowCount() > 0)
        m_scenarioForm->removeRow(0);
    const QString name = currentScenario();
    const QJsonObject scenario = m_options.value(u"scenarios"_s).toObject().value(name).toObject();
    m_scenarioDetails->setEnabled(!name.isEmpty() && !OptionsDocument::isExpression(scenario));
    if (name.isEmpty()) {
        m_scenarioNote->setText(tr("No scenarios: the test runs the VUs, duration, iterations or stages of the Load tab."));
        m_scenarioGraph->hide();
        m_filling = wasFilling;
        return;
    }
    const QString executor = scenario.value(u"executor"_s).toString();
    m_executor->setCurrentIndex(int(executors().indexOf(executor)));
    QStringList fields = executorFields(executor) + commonScenarioFields();
    for (const QString &field : fields) {
        auto *edit = new QLineEdit(m_scenarioDetails);
        edit->setObjectName(u"scenarioField_"_s + field);
        const QJsonValue v = scenario.value(field);
        if (field == u"stages"_s) {
            edit->setText(v.isArray() ? stagesText(v.toArray()) : cellText(v));
            //: Placeholder of a scenario's stages field: duration:target pairs.
            edit->setPlaceholderText(tr("e.g. 30s:10, 1m:20"));
        } else {
            edit->setText(cellText(v));
            if (field == u"exec"_s)
                edit->setPlaceholderText(tr("default (the default function)"));
            else if (field == u"startTime"_s)
                edit->setPlaceholderText(tr("0s"));
            else if (field == u"gracefulStop"_s || field == u"gracefulRampDown"_s)
                edit->setPlaceholderText(tr("30s"));
            else if (field == u"maxVUs"_s)
                edit->setPlaceholderText(tr("optional"));
        }
        if (OptionsDocument::isExpression(v) || (field == u"stages"_s && v.isArray() && stagesText(v.toArray()).contains(u"$"_s))) {
            edit->setReadOnly(true);
            edit->setToolTip(tr("Not a literal value: edit it in the script"));
        }
        connect(edit, &QLineEdit::editingFinished, this, [this, field, edit] {
            if (!m_filling && !edit->isReadOnly())
                writeScenarioField(field, edit->text());
        });
        m_scenarioForm->addRow(field + u":"_s, edit);
    }
    m_scenarioNote->setText(executor.isEmpty() ? tr("Choose an executor.") : QString());
    // Ramping executors: their profile (VUs or iterations per time unit) over time.
    const bool ramping = executor == u"ramping-vus"_s || executor == u"ramping-arrival-rate"_s;
    m_scenarioGraph->setVisible(ramping);
    if (ramping) {
        const QString unit = scenario.value(u"timeUnit"_s).isString() ? scenario.value(u"timeUnit"_s).toString() : u"1s"_s;
        m_scenarioGraph->setCaption(executor == u"ramping-vus"_s ? tr("target VUs over time")
                                                                 //: %1 is the scenario's time unit, e.g. 1s.
                                                                 : tr("iterations per %1 over time").arg(unit));
        const QJsonValue start = scenario.value(executor == u"ramping-vus"_s ? u"startVUs"_s : u"startRate"_s);
        m_scenarioGraph->setStages(scenario.value(u"stages"_s).toArray(), start.isDouble() ? start.toDouble() : 0);
    }
    m_filling = wasFilling;
}

void OptionsPanel::fillThresholds()
{
    const bool wasFilling = m_filling;
    m_filling = true;
    const QJsonObject thresholds = m_options.value(u"thresholds"_s).toObject();
    m_thresholds->setRowCount(int(thresholds.size()));
    int row = 0;
    for (auto it = thresholds.begin(); it != thresholds.end(); ++it, ++row) {
        const QJsonValue value = it.value();
        QStringList expressions;
        bool abort = false;
        bool literal = !OptionsDocument::isExpression(value);
        const QJsonArray list = value.isArray() ? value.toArray() : QJsonArray{value};
        for (const QJsonValue &e : list) {
            if (e.isString()) {
                expressions.append(e.toString());
            } else if (e.isObject() && !OptionsDocument::isExpression(e) && e.toObject().value(u"threshold"_s).isString()) {
                expressions.append(e.toObject().value(u"threshold"_s).toString());
                abort = abort || e.toObject().value(u"abortOnFail"_s).toBool();
            } else {
                literal = false;
                expressions.append(cellText(e));
            }
        }
        auto *metric = new QTableWidgetItem(it.key());
        metric->setData(OriginalRole, value.toVariant());
        auto *exprs = new QTableWidgetItem(expressions.join(u", "_s));
        auto *abortItem = new QTableWidgetItem();
        abortItem->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        abortItem->setCheckState(abort ? Qt::Checked : Qt::Unchecked);
        if (!literal) {
            for (QTableWidgetItem *item : {exprs, abortItem}) {
                item->setFlags(item->flags() & ~(Qt::ItemIsEditable | Qt::ItemIsUserCheckable));
                item->setToolTip(tr("Not a literal value: edit it in the script"));
            }
        }
        metric->setData(OriginalRole + 1, literal);
        metric->setData(OriginalRole + 2, it.key());
        m_thresholds->setItem(row, 0, metric);
        m_thresholds->setItem(row, 1, exprs);
        m_thresholds->setItem(row, 2, abortItem);
    }
    m_filling = wasFilling;
}

QString OptionsPanel::currentScenario() const
{
    const QListWidgetItem *item = m_scenarioList->currentItem();
    return item ? item->text() : QString();
}

// --- writing ------------------------------------------------------------------------------

void OptionsPanel::ensureFresh()
{
    // Typed in the editor and not read yet (the pause has not passed): edits must be made
    // against the text as it is now, never against positions in an older text.
    if (m_text && m_text->toPlainText() != m_parsedText) {
        m_doc = OptionsDocument::parse(m_text->toPlainText());
        if (m_doc.isValid())
            m_options = m_doc.options();
        m_parsedText = m_text->toPlainText();
        if (!isEditable())
            reparse(); // says why, and disables the form
    }
}

void OptionsPanel::writeKey(const QString &key, const QJsonValue &value)
{
    ensureFresh();
    if (!isEditable())
        return;
    QJsonObject wanted = m_options;
    if (value.isUndefined())
        wanted.remove(key);
    else
        wanted.insert(key, value);
    applyEdits(m_doc.editsFor(wanted));
}

void OptionsPanel::applyEdits(const QList<studio::TextEdit> &edits)
{
    if (!isEditable() || edits.isEmpty())
        return;
    m_writing = true;
    studio::applyTextEdits(m_text, edits);
    m_writing = false;
    // Read back what is there now; the form keeps its state (and the cursor in the field being edited).
    m_parsedText = m_text->toPlainText();
    m_doc = OptionsDocument::parse(m_parsedText);
    m_options = m_doc.isValid() ? m_doc.options() : QJsonObject();
    if (m_doc.hasOptions())
        setStatus(QString(), false);
}

void OptionsPanel::writeScalar(const QString &key, const QJsonValue &value)
{
    writeKey(key, value);
}

void OptionsPanel::writeStages()
{
    QJsonArray stages;
    for (int row = 0; row < m_stages->rowCount(); ++row) {
        const QTableWidgetItem *d = m_stages->item(row, 0);
        const QTableWidgetItem *t = m_stages->item(row, 1);
        if (!d || !t)
            return;
        const QJsonValue originalD = QJsonValue::fromVariant(d->data(OriginalRole));
        const QJsonValue originalT = QJsonValue::fromVariant(t->data(OriginalRole));
        if (!(d->flags() & Qt::ItemIsEditable) && !OptionsDocument::isExpression(originalD)) {
            stages.append(originalD); // a whole stage that is an expression
            continue;
        }
        QJsonValue duration = OptionsDocument::isExpression(originalD) ? originalD : QJsonValue(d->text().trimmed());
        QJsonValue target = originalT;
        if (!OptionsDocument::isExpression(originalT)) {
            bool ok = false;
            const int n = t->text().trimmed().toInt(&ok);
            if (!ok || n < 0) {
                setStatus(tr("Stage %1: the target must be a whole number of VUs").arg(row + 1), true);
                return;
            }
            target = n;
        }
        if (duration.isString() && studio::durationSeconds(duration) < 0) {
            setStatus(tr("Stage %1: \"%2\" is not a duration such as 30s").arg(row + 1).arg(duration.toString()), true);
            return;
        }
        stages.append(QJsonObject{{u"duration"_s, duration}, {u"target"_s, target}});
    }
    setStatus(QString(), false);
    writeKey(u"stages"_s, stages.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(stages));
    m_graph->setStages(stages);
    // Keep the rows' originals in step with the text.
    const bool wasFilling = m_filling;
    m_filling = true;
    for (int row = 0; row < m_stages->rowCount() && row < stages.size(); ++row) {
        const QJsonObject o = stages.at(row).toObject();
        m_stages->item(row, 0)->setData(OriginalRole, o.value(u"duration"_s).toVariant());
        m_stages->item(row, 1)->setData(OriginalRole, o.value(u"target"_s).toVariant());
    }
    m_filling = wasFilling;
}

void OptionsPanel::editRows(const std::function<void()> &change, void (OptionsPanel::*write)())
{
    if (!isEditable())
        return;
    m_filling = true;
    change();
    m_filling = false;
    (this->*write)();
}

void OptionsPanel::addStage()
{
    const int rows = m_stages->rowCount();
    const QString target = rows > 0 && m_stages->item(rows - 1, 1) ? m_stages->item(rows - 1, 1)->text() : u"10"_s;
    editRows([&] { appendRow(m_stages, {u"30s"_s, target}); }, &OptionsPanel::writeStages);
}

void OptionsPanel::removeStage(int row)
{
    if (hasRow(m_stages, row))
        editRows([&] { m_stages->removeRow(row); }, &OptionsPanel::writeStages);
}

void OptionsPanel::moveStage(int row, int delta)
{
    const int to = row + delta;
    if (!hasRow(m_stages, row) || !hasRow(m_stages, to))
        return;
    editRows(
        [&] {
            for (int column = 0; column < 2; ++column) {
                QTableWidgetItem *a = m_stages->takeItem(row, column);
                QTableWidgetItem *b = m_stages->takeItem(to, column);
                m_stages->setItem(row, column, b);
                m_stages->setItem(to, column, a);
            }
            m_stages->setCurrentCell(to, 0);
        },
        &OptionsPanel::writeStages);
}

void OptionsPanel::writeScenarioField(const QString &field, const QString &text)
{
    const QString name = currentScenario();
    if (name.isEmpty())
        return;
    QJsonObject scenarios = m_options.value(u"scenarios"_s).toObject();
    QJsonObject scenario = scenarios.value(name).toObject();
    const QString value = text.trimmed();
    if (value.isEmpty()) {
        scenario.remove(field);
    } else if (field == u"stages"_s) {
        QJsonArray stages;
        if (!parseStagesText(value, stages)) {
            setStatus(tr("Scenario %1: write stages as duration:target pairs, e.g. 30s:10, 1m:20").arg(name), true);
            return;
        }
        scenario.insert(field, stages);
    } else if (isNumberField(field)) {
        bool ok = false;
        const double n = value.toDouble(&ok);
        if (!ok || n < 0) {
            setStatus(tr("Scenario %1: %2 must be a number").arg(name, field), true);
            return;
        }
        scenario.insert(field, n);
    } else {
        const bool isDuration = field == u"duration"_s || field == u"maxDuration"_s || field == u"startTime"_s ||
                                field == u"gracefulStop"_s || field == u"gracefulRampDown"_s || field == u"timeUnit"_s;
        if (isDuration && studio::durationSeconds(value) < 0) {
            setStatus(tr("Scenario %1: \"%2\" is not a duration such as 30s").arg(name, value), true);
            return;
        }
        scenario.insert(field, value);
    }
    setStatus(QString(), false);
    scenarios.insert(name, scenario);
    writeKey(u"scenarios"_s, scenarios);
    if (field == u"stages"_s || field == u"startVUs"_s || field == u"startRate"_s) {
        const QJsonObject now = m_options.value(u"scenarios"_s).toObject().value(name).toObject();
        const QJsonValue start = now.value(now.contains(u"startRate"_s) ? u"startRate"_s : u"startVUs"_s);
        m_scenarioGraph->setStages(now.value(u"stages"_s).toArray(), start.isDouble() ? start.toDouble() : 0);
    }
}

void OptionsPanel::setScenarioExecutor(const QString &name, const QString &executor)
{
    QJsonObject scenarios = m_options.value(u"scenarios"_s).toObject();
    if (!scenarios.contains(name) || !executors().contains(executor))
        return;
    const QJsonObject old = scenarios.value(name).toObject();
    if (old.value(u"executor"_s).toString() == executor)
        return;
    // Keep what the new executor understands; fill in what it needs.
    const QStringList allowed = executorFields(executor) + commonScenarioFields() + QStringList{u"env"_s, u"tags"_s};
    QJsonObject scenario;
    for (auto it = old.begin(); it != old.end(); ++it)
        if (allowed.contains(it.key()))
            scenario.insert(it.key(), it.value());
    const QJsonObject defaults = executorDefaults(executor);
    for (auto it = defaults.begin(); it != defaults.end(); ++it)
        if (!scenario.contains(it.key()))
            scenario.insert(it.key(), it.value());
    scenario.insert(u"executor"_s, executor);
    scenarios.insert(name, scenario);
    writeKey(u"scenarios"_s, scenarios);
    fillScenarioDetails();
}

void OptionsPanel::addScenario()
{
    if (!isEditable())
        return;
    QJsonObject scenarios = m_options.value(u"scenarios"_s).toObject();
    QString name = u"scenario"_s;
    for (int n = 2; scenarios.contains(name); ++n)
        name = u"scenario%1"_s.arg(n);
    QJsonObject scenario = executorDefaults(u"constant-vus"_s);
    scenario.insert(u"executor"_s, u"constant-vus"_s);
    scenarios.insert(name, scenario);
    writeKey(u"scenarios"_s, scenarios);
    fillForm();
    const auto found = m_scenarioList->findItems(name, Qt::MatchExactly);
    if (!found.isEmpty())
        m_scenarioList->setCurrentItem(found.first());
}

void OptionsPanel::renameScenario(const QString &from, const QString &to)
{
    ensureFresh();
    if (!isEditable() || from == to)
        return;
    const QList<studio::TextEdit> edits = m_doc.renameKey(u"scenarios"_s, from, to);
    if (edits.isEmpty())
        setStatus(tr("Cannot rename the scenario \"%1\" to \"%2\": the name is empty or taken").arg(from, to), true);
    else
        applyEdits(edits);
    // The list shows the text's names again, after it is done with the edited item.
    QMetaObject::invokeMethod(
        this,
        [this, name = edits.isEmpty() ? from : to] {
            fillForm();
            const auto found = m_scenarioList->findItems(name, Qt::MatchExactly);
            if (!found.isEmpty())
                m_scenarioList->setCurrentItem(found.first());
        },
        Qt::QueuedConnection);
}

void OptionsPanel::removeScenario(const QString &name)
{
    if (!isEditable() || name.isEmpty())
        return;
    QJsonObject scenarios = m_options.value(u"scenarios"_s).toObject();
    scenarios.remove(name);
    writeKey(u"scenarios"_s, scenarios.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(scenarios));
    fillForm();
}

void OptionsPanel::writeThresholds()
{
    QJsonObject thresholds;
    for (int row = 0; row < m_thresholds->rowCount(); ++row) {
        const QTableWidgetItem *metric = m_thresholds->item(row, 0);
        const QTableWidgetItem *exprs = m_thresholds->item(row, 1);
        const QTableWidgetItem *abort = m_thresholds->item(row, 2);
        if (!metric || !exprs || !abort)
            return;
        const QString name = metric->text().trimmed();
        if (name.isEmpty())
            continue;
        const QJsonValue original = QJsonValue::fromVariant(metric->data(OriginalRole));
        if (!metric->data(OriginalRole + 1).toBool()) {
            thresholds.insert(name, original); // not literal: as it was
            continue;
        }
        // Objects keep their other fields (delayAbortEval) when the expression stays.
        QHash<QString, QJsonObject> previous;
        for (const QJsonValue &e : original.toArray())
            if (e.isObject())
                previous.insert(e.toObject().value(u"threshold"_s).toString(), e.toObject());
        QJsonArray list;
        const bool abortOnFail = abort->checkState() == Qt::Checked;
        for (const QString &part : exprs->text().split(u',', Qt::SkipEmptyParts)) {
            const QString e = part.trimmed();
            if (e.isEmpty())
                continue;
            if (abortOnFail || previous.contains(e)) {
                QJsonObject o = previous.value(e);
                o.insert(u"threshold"_s, e);
                if (abortOnFail)
                    o.insert(u"abortOnFail"_s, true);
                else
                    o.remove(u"abortOnFail"_s);
                if (o.size() == 1)
                    list.append(e);
                else
                    list.append(o);
            } else {
                list.append(e);
            }
        }
        thresholds.insert(name, list);
    }
    writeKey(u"thresholds"_s, thresholds.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(thresholds));
    // Row identity (metric names) may have changed: show what the text has now, once the
    // table is done with the item that changed.
    QMetaObject::invokeMethod(this, &OptionsPanel::fillThresholds, Qt::QueuedConnection);
}

void OptionsPanel::addThreshold()
{
    if (!isEditable())
        return;
    QJsonObject thresholds = m_options.value(u"thresholds"_s).toObject();
    QString metric = u"http_req_duration"_s;
    for (const QString &candidate : {u"http_req_duration"_s, u"http_req_failed"_s, u"checks"_s, u"iteration_duration"_s}) {
        if (!thresholds.contains(candidate)) {
            metric = candidate;
            break;
        }
    }
    if (thresholds.contains(metric))
        return;
    const QString expression = metric == u"http_req_failed"_s ? u"rate<0.01"_s
                               : metric == u"checks"_s         ? u"rate>0.99"_s
                                                               : u"p(95)<500"_s;
    thresholds.insert(metric, QJsonArray{expression});
    writeKey(u"thresholds"_s, thresholds);
    fillThresholds();
}

void OptionsPanel::removeThreshold(int row)
{
    if (hasRow(m_thresholds, row))
        editRows([&] { m_thresholds->removeRow(row); }, &OptionsPanel::writeThresholds);
}

// --- environment ---------------------------------------------------------------------------

void OptionsPanel::setEnvironment(const QStringList &keyValues)
{
    const QSignalBlocker block(m_env);
    m_env->setRowCount(int(keyValues.size()));
    for (int row = 0; row < keyValues.size(); ++row) {
        const QString &kv = keyValues.at(row);
        const qsizetype eq = kv.indexOf(u'=');
        m_env->setItem(row, 0, new QTableWidgetItem(eq < 0 ? kv : kv.left(eq)));
        m_env->setItem(row, 1, new QTableWidgetItem(eq < 0 ? QString() : kv.mid(eq + 1)));
    }
}

QStringList OptionsPanel::environment() const
{
    QStringList out;
    for (int row = 0; row < m_env->rowCount(); ++row) {
        const QTableWidgetItem *key = m_env->item(row, 0);
        const QTableWidgetItem *value = m_env->item(row, 1);
        if (!key || key->text().trimmed().isEmpty())
            continue;
        out.append(key->text().trimmed() + u"="_s + (value ? value->text() : QString()));
    }
    return out;
}

} // namespace stampede::ui
