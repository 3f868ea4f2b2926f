#pragma once

#include "core/studio/optionsdocument.h"

#include <QJsonObject>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QTextDocument;

namespace stampede::ui {

class StageGraph;

// The Options dock: a form over the script's `export const options = {...}`.
// It reads the options from the editor's text (debounced, after typing pauses)
// and writes every change back as minimal edits in one undo step, so comments,
// order and the rest of the code stay as they are. Values that are not literals
// are shown read-only. If the text cannot be read the panel says where and why
// and edits nothing. The environment variables tab is not part of the script:
// the studio passes them to runs as -e KEY=VALUE.
class OptionsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit OptionsPanel(QWidget *parent = nullptr);
    ~OptionsPanel() override;

    // The editor's document (owned elsewhere); null shows nothing.
    void setTextDocument(QTextDocument *document);
    QTextDocument *textDocument() const { return m_text; }
    // Reads the text now instead of after the pause.
    void refreshNow();
    void setRefreshDelay(int ms) { m_refresh.setInterval(ms); }

    // What the panel shows: the parsed options (with expression markers).
    QJsonObject options() const { return m_options; }
    bool isEditable() const;
    QString statusText() const;

    // KEY=VALUE lines of the environment tab.
    void setEnvironment(const QStringList &keyValues);
    QStringList environment() const;

    // The form, for tests and keyboard users.
    QTabWidget *tabs() const { return m_tabs; }
    QSpinBox *vusField() const { return m_vus; }
    QLineEdit *durationField() const { return m_duration; }
    QSpinBox *iterationsField() const { return m_iterations; }
    QTableWidget *stagesTable() const { return m_stages; }
    StageGraph *stageGraph() const { return m_graph; }
    QListWidget *scenarioList() const { return m_scenarioList; }
    QComboBox *executorBox() const { return m_executor; }
    QTableWidget *thresholdsTable() const { return m_thresholds; }
    QTableWidget *environmentTable() const { return m_env; }

    // What the buttons do.
    void addStage();
    void removeStage(int row);
    void moveStage(int row, int delta);
    void addScenario();
    void removeScenario(const QString &name);
    void renameScenario(const QString &from, const QString &to);
    void setScenarioExecutor(const QString &name, const QString &executor);
    void addThreshold();
    void removeThreshold(int row);

    static QStringList executors();
    // The fields each executor takes (besides the common exec, startTime, gracefulStop, env, tags).
    static QStringList executorFields(const QString &executor);

Q_SIGNALS:
    void environmentChanged(const QStringList &keyValues);

private:
    QWidget *createGeneralTab();
    QWidget *createScenariosTab();
    QWidget *createThresholdsTab();
    QWidget *createEnvironmentTab();
    void reparse();
    void fillForm();
    void fillStages();
    void fillScenarioDetails();
    void fillThresholds();
    void ensureFresh();
    // Sets (or, with an undefined value, removes) one top-level option in the text.
    void writeKey(const QString &key, const QJsonValue &value);
    void applyEdits(const QList<studio::TextEdit> &edits);
    // Changes rows of a table as the form (not as the user typing in a cell), then writes the
    // table to the text with `write`; nothing while the text cannot be edited.
    void editRows(const std::function<void()> &change, void (OptionsPanel::*write)());
    void writeScalar(const QString &key, const QJsonValue &value);
    void writeStages();
    void writeScenarioField(const QString &field, const QString &text);
    void writeThresholds();
    void setStatus(const QString &text, bool error);
    QString currentScenario() const;

    QPointer<QTextDocument> m_text;
    QMetaObject::Connection m_textConnection;
    QTimer m_refresh;
    studio::OptionsDocument m_doc;
    QJsonObject m_options;
    QString m_parsedText; // the text m_doc was read from
    bool m_filling = false;
    bool m_writing = false;

    QLabel *m_status = nullptr;
    QTabWidget *m_tabs = nullptr;
    QStackedWidget *m_vusStack = nullptr;
    QSpinBox *m_vus = nullptr;
    QLineEdit *m_vusExpr = nullptr;
    QStackedWidget *m_durationStack = nullptr;
    QLineEdit *m_duration = nullptr;
    QLineEdit *m_durationExpr = nullptr;
    QStackedWidget *m_iterationsStack = nullptr;
    QSpinBox *m_iterations = nullptr;
    QLineEdit *m_iterationsExpr = nullptr;
    QTableWidget *m_stages = nullptr;
    StageGraph *m_graph = nullptr;
    QListWidget *m_scenarioList = nullptr;
    QComboBox *m_executor = nullptr;
    QWidget *m_scenarioDetails = nullptr;
    QFormLayout *m_scenarioForm = nullptr;
    QLabel *m_scenarioNote = nullptr;
    StageGraph *m_scenarioGraph = nullptr;
    QTableWidget *m_thresholds = nullptr;
    QTableWidget *m_env = nullptr;
};

} // namespace stampede::ui
