#pragma once

#include "core/har/importpreview.h"
#include "core/har/model.h"
#include "core/har/rules.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QTimer>

#include <memory>
#include <set>
#include <string>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTreeWidget;
class QTreeWidgetItem;

namespace stampede::studio {
struct RunResult;
}

namespace stampede::ui {

class CodeEditor;
class HarRequestFilterModel;
class HarRequestModel;
class MainWindow;

// File > Import HAR…: pick a recording, see its requests with the filters and rules applied live,
// accept auto-correlation proposals, preview the generated k6 script, and create it in the project
// (optionally running one debug iteration right away). The logic is core/har's; parsing and script
// generation run on the thread pool and come back as values.
class HarImportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit HarImportDialog(MainWindow *window);
    ~HarImportDialog() override;

    // Asks for a HAR file and opens it.
    void browse();
    // Parses `path` (and the rules file beside it) in the background; harLoaded() tells the outcome.
    void openHar(const QString &path);
    QString harPath() const { return m_harPath; }
    bool isLoaded() const { return m_archive != nullptr; }
    // The parser's message ("file: JSON path: reason") after a failed load, else empty.
    QString errorText() const;
    // True while parsing or while a preview is being (or about to be) generated.
    bool isBusy() const;

    HarRequestModel *requestModel() const { return m_model; }
    HarRequestFilterModel *visibleRequests() const { return m_visible; }
    QTableView *requestTable() const { return m_table; }
    QTreeWidget *proposalList() const { return m_proposals; }
    CodeEditor *preview() const { return m_preview; }
    QPlainTextEdit *rulesEditor() const { return m_rulesEdit; }
    QString previewText() const;
    // The user's rules as the widgets and the rules editor define them (without accepted proposals).
    har::Rules currentRules() const;
    // The rules that are saved: the user's rules plus the accepted proposals.
    const har::Rules &effectiveRules() const { return m_last.effectiveRules; }
    QString validationText() const;

    // Writes the script into the project folder (or where the user says), saves the rules beside
    // the HAR and opens the script in a tab; with `validate`, runs one VU for one iteration.
    // Returns the script's path, or an empty string when nothing was written.
    QString createScript(bool validate);

Q_SIGNALS:
    void harLoaded(bool ok);
    void previewUpdated();
    void validationFinished(int exitCode);

private:
    struct Loaded
    {
        std::shared_ptr<const har::Archive> archive;
        QString error;
        bool rulesFound = false;
        har::Rules rules;
        QString rulesError;
    };
    struct PreviewJob
    {
        std::shared_ptr<const har::Archive> archive;
        har::Rules rules;
        std::vector<std::string> accepted;
    };

    void buildUi();
    void onLoaded();
    void applyRulesToWidgets(const har::Rules &rules);
    void scheduleUpdate();
    void startPreview();
    void onPreviewReady();
    void showProposals(const std::vector<har::Proposal> &proposals);
    void onProposalChanged(QTreeWidgetItem *item, int column);
    void updateRulesStatus();
    void updateButtons();
    void showError(const QString &message);
    void startValidation(const QString &scriptPath);
    void onValidationFinished(const studio::RunResult &result);
    PreviewJob currentJob() const;
    QString targetPathFor() const;

    MainWindow *m_window;
    QString m_harPath;
    std::shared_ptr<const har::Archive> m_archive;
    har::Rules m_loadedRules; // what came from the rules file: the parts without widgets are kept
    std::set<std::string> m_accepted; // recorded values of the accepted proposals
    har::ImportPreview m_last;
    bool m_rulesValid = true;
    bool m_previewDirty = false;
    // Set when a job starts, cleared when its result has been handled (a future counts as finished
    // before its watcher has told us).
    bool m_loading = false;
    bool m_previewRunning = false;

    QFutureWatcher<Loaded> m_loadWatcher;
    QFutureWatcher<har::ImportPreview> m_previewWatcher;
    QTimer m_debounce;

    QLineEdit *m_pathEdit = nullptr;
    QLabel *m_error = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_allowHosts = nullptr;
    QLineEdit *m_blockUrls = nullptr;
    QCheckBox *m_includeStatic = nullptr;
    QCheckBox *m_includeThirdParty = nullptr;
    QCheckBox *m_includeCached = nullptr;
    QCheckBox *m_includeFailed = nullptr;
    QCheckBox *m_showExcluded = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_summary = nullptr;
    HarRequestModel *m_model = nullptr;
    HarRequestFilterModel *m_visible = nullptr;
    QTreeWidget *m_proposals = nullptr;
    QPlainTextEdit *m_rulesEdit = nullptr;
    QLabel *m_rulesStatus = nullptr;
    CodeEditor *m_preview = nullptr;
    QLabel *m_warnings = nullptr;
    QCheckBox *m_thinkTime = nullptr;
    QSpinBox *m_vus = nullptr;
    QLineEdit *m_duration = nullptr;
    QCheckBox *m_statusChecks = nullptr;
    QLabel *m_validation = nullptr;
    QPushButton *m_createButton = nullptr;
    QPushButton *m_validateButton = nullptr;

    QMetaObject::Connection m_runOutput;
    QMetaObject::Connection m_runFinished;
    QStringList m_runStdout;
};

} // namespace stampede::ui
