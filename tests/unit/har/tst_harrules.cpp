#include <QTest>
class tst_HarRules : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(tst_HarRules)
#include "tst_harrules.moc"
