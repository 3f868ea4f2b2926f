<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <location filename="../app/studio/main.cpp" line="+25"/>
        <source>Edit and run k6 load-test scripts.</source>
        <translation>k6-Lasttest-Skripte bearbeiten und ausführen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use &lt;path&gt; as the stampede engine.</source>
        <translation>&lt;pfad&gt; als stampede-Engine verwenden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>path</source>
        <translation>pfad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The script to open.</source>
        <translation>Das zu öffnende Skript.</translation>
    </message>
</context>
<context>
    <name>stampede::studio::Document</name>
    <message>
        <location filename="../core/studio/document.cpp" line="+27"/>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Cannot open a file without a name.</source>
        <translation>Eine Datei ohne Namen kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot open &quot;%1&quot;: the file does not exist.</source>
        <translation>„%1“ kann nicht geöffnet werden: Die Datei existiert nicht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot open &quot;%1&quot;: it is a directory.</source>
        <translation>„%1“ kann nicht geöffnet werden: Es ist ein Verzeichnis.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot open &quot;%1&quot;: the file is too large (%2 MiB; the limit is %3 MiB).</source>
        <translation>„%1“ kann nicht geöffnet werden: Die Datei ist zu groß (%2 MiB; die Grenze liegt bei %3 MiB).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot open &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot read &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot open &quot;%1&quot;: the file is too large (the limit is %2 MiB).</source>
        <translation>„%1“ kann nicht geöffnet werden: Die Datei ist zu groß (die Grenze liegt bei %2 MiB).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot open &quot;%1&quot;: the file is not valid UTF-8 text.</source>
        <translation>„%1“ kann nicht geöffnet werden: Die Datei ist kein gültiger UTF-8-Text.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot open &quot;%1&quot;: the file looks binary (it contains NUL bytes).</source>
        <translation>„%1“ kann nicht geöffnet werden: Die Datei scheint binär zu sein (sie enthält NUL-Bytes).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The document has no file name yet: use Save As.</source>
        <translation>Das Dokument hat noch keinen Dateinamen: Verwenden Sie „Speichern unter“.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot save without a file name.</source>
        <translation>Ohne Dateinamen kann nicht gespeichert werden.</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+4"/>
        <location line="+5"/>
        <source>Cannot save &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>stampede::studio::ExitCode</name>
    <message>
        <location filename="../core/studio/exitcodes.cpp" line="+12"/>
        <source>Test finished successfully</source>
        <translation>Test erfolgreich abgeschlossen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Error: bad command-line flag, missing file or other failure</source>
        <translation>Fehler: ungültige Befehlszeilenoption, fehlende Datei oder anderer Fehler</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Thresholds failed</source>
        <translation>Schwellenwerte nicht erfüllt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>setup() timed out</source>
        <translation>Zeitüberschreitung in setup()</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>teardown() timed out</source>
        <translation>Zeitüberschreitung in teardown()</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test timed out</source>
        <translation>Zeitüberschreitung des Tests</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped through the REST API</source>
        <translation>Über die REST-API gestoppt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Invalid configuration</source>
        <translation>Ungültige Konfiguration</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interrupted by a signal</source>
        <translation>Durch ein Signal unterbrochen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not start the REST API</source>
        <translation>Die REST-API konnte nicht gestartet werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The script threw an exception</source>
        <translation>Das Skript hat eine Ausnahme ausgelöst</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The script called test.abort()</source>
        <translation>Das Skript hat test.abort() aufgerufen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The test was marked as failed</source>
        <translation>Der Test wurde als fehlgeschlagen markiert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown error</source>
        <translation>Unbekannter Fehler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (exit code %2)</source>
        <translation>%1 (Exit-Code %2)</translation>
    </message>
</context>
<context>
    <name>stampede::studio::RunController</name>
    <message>
        <location filename="../core/studio/runcontroller.cpp" line="+74"/>
        <source>No script to run: save the script to a file first.</source>
        <translation>Kein Skript zum Ausführen: Speichern Sie das Skript zuerst in einer Datei.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>the file does not exist</source>
        <translation>die Datei existiert nicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the file is not an executable program</source>
        <translation>die Datei ist kein ausführbares Programm</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Stopped by the user: %1</source>
        <translation>Vom Benutzer gestoppt: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Killed: the engine did not stop within %n second(s) of the stop request</source>
        <translation>
            <numerusform>Zwangsweise beendet: Die Engine hat nicht innerhalb von %n Sekunde nach der Stopp-Anforderung angehalten</numerusform>
            <numerusform>Zwangsweise beendet: Die Engine hat nicht innerhalb von %n Sekunden nach der Stopp-Anforderung angehalten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped by the user</source>
        <translation>Vom Benutzer gestoppt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The engine crashed</source>
        <translation>Die Engine ist abgestürzt</translation>
    </message>
    <message>
        <location line="-106"/>
        <location line="+117"/>
        <source>Could not start the engine &quot;%1&quot;: %2</source>
        <translation>Die Engine „%1“ konnte nicht gestartet werden: %2</translation>
    </message>
</context>
<context>
    <name>stampede::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="+49"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Running %1…</source>
        <translation>%1 wird ausgeführt …</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start a new, empty script</source>
        <translation>Ein neues, leeres Skript beginnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open a k6 script</source>
        <translation>Ein k6-Skript öffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Example Script</source>
        <translation>&amp;Beispielskript öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start from the bundled hello.js example</source>
        <translation>Mit dem mitgelieferten Beispiel hello.js beginnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the script</source>
        <translation>Das Skript speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the script under a new name</source>
        <translation>Das Skript unter einem neuen Namen speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+37"/>
        <source>&amp;Run</source>
        <translation>Aus&amp;führen</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Save the script and run it locally with stampede run</source>
        <translation>Das Skript speichern und lokal mit stampede run ausführen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the running test</source>
        <translation>Den laufenden Test stoppen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Output Pane</source>
        <translation>&amp;Ausgabebereich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Clear Output</source>
        <translation>Ausgabe &amp;leeren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Stampede Studio</source>
        <translation>&amp;Über Stampede Studio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1[*] — Stampede Studio</source>
        <extracomment>Window title: %1 is the file name; [*] is where Qt shows the unsaved-changes marker.</extracomment>
        <translation>%1[*] — Stampede Studio</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stopping…</source>
        <translation>Wird gestoppt …</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>New script</source>
        <translation>Neues Skript</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot Open Script</source>
        <translation>Skript kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot Open Example</source>
        <translation>Beispiel kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The bundled example script is missing.</source>
        <translation>Das mitgelieferte Beispielskript fehlt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Example script loaded; save it to run it</source>
        <translation>Beispielskript geladen; speichern Sie es, um es auszuführen</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+18"/>
        <source>Cannot Save Script</source>
        <translation>Skript kann nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+19"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>About Stampede Studio</source>
        <translation>Über Stampede Studio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Stampede Studio %1&lt;/h3&gt;&lt;p&gt;A native desktop load-testing studio that runs k6 scripts unchanged.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Stampede Studio %1&lt;/h3&gt;&lt;p&gt;Ein natives Desktop-Studio für Lasttests, das k6-Skripte unverändert ausführt.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>stampede::ui::Prompts</name>
    <message>
        <location filename="../ui/mainwindow/prompts.cpp" line="+15"/>
        <source>k6 scripts (*.js *.mjs);;All files (*)</source>
        <translation>k6-Skripte (*.js *.mjs);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; has unsaved changes.</source>
        <translation>„%1“ hat ungespeicherte Änderungen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do you want to save them?</source>
        <translation>Möchten Sie sie speichern?</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open Script</source>
        <translation>Skript öffnen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save Script As</source>
        <translation>Skript speichern unter</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Test Running</source>
        <translation>Test läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A load test is still running.</source>
        <translation>Ein Lasttest läuft noch.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop it and continue?</source>
        <translation>Test stoppen und fortfahren?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop Test</source>
        <translation>Test stoppen</translation>
    </message>
</context>
</TS>
