#include <QTest>
class tst_HarAutoCorrelate : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(tst_HarAutoCorrelate)
#include "tst_harautocorrelate.moc"
