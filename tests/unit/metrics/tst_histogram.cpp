// Accuracy and bookkeeping tests for stampede::metrics::Histogram.
//
// Percentiles are compared with exact ones computed from the same data using
// k6's definition: sort, i = p/100 * (n-1), interpolate linearly between the
// values at floor(i) and ceil(i).

#include "core/metrics/histogram.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <vector>

using stampede::metrics::Histogram;

namespace {

struct Exact
{
    double value;
    double tolerance; // the histogram's guaranteed bound for this percentile
};

// Exact percentile and the error bound the histogram promises for it: every rank's
// value is within kRelativeError of the true value, so the interpolation between
// ranks lo and hi is within kRelativeError * ((1-f)|x_lo| + f|x_hi|).
Exact exactPercentile(const std::vector<double> &sorted, double p)
{
    const double i = p / 100.0 * double(sorted.size() - 1);
    const size_t lo = size_t(std::floor(i));
    const size_t hi = size_t(std::ceil(i));
    const double f = i - double(lo);
    const double a = sorted[lo], b = sorted[hi];
    const double value = lo == hi ? a : a + (b - a) * f;
    const double bound = Histogram::kRelativeError * ((1 - f) * std::fabs(a) + f * std::fabs(b));
    return {value, bound * (1 + 1e-9) + 1e-12};
}

const double kPercentiles[] = {0, 0.1, 1, 5, 10, 25, 33.3, 50, 66.6, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100};

using Generator = std::function<double(std::mt19937 &)>;

std::vector<double> generate(const Generator &gen, size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::vector<double> v;
    v.reserve(n);
    for (size_t i = 0; i < n; ++i)
        v.push_back(gen(rng));
    return v;
}

Histogram histogramOf(const std::vector<double> &values)
{
    Histogram h;
    for (double v : values)
        h.add(v);
    return h;
}

} // namespace

Q_DECLARE_METATYPE(Generator)

class TestHistogram : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accuracy_data();
    void accuracy();
    void emptyAndSingle();
    void twoValuesInterpolate();
    void bucketRoundTrip();
    void weightedAdd();
    void nanIgnored();
    void mergeEqualsUnion();
    void mergeWithEmpty();
    void memoryBounded();
    void serialisationRoundTrip();
    void forEachBucketOrder();
    void clear();
};

void TestHistogram::accuracy_data()
{
    QTest::addColumn<Generator>("gen");
    QTest::addColumn<int>("n");

    QTest::newRow("uniform 0..1000") << Generator([](std::mt19937 &r) {
        return std::uniform_real_distribution<double>(0, 1000)(r);
    }) << 100000;
    QTest::newRow("exponential mean 50") << Generator([](std::mt19937 &r) {
        return std::exponential_distribution<double>(1.0 / 50)(r);
    }) << 100000;
    QTest::newRow("log-normal") << Generator([](std::mt19937 &r) {
        return std::lognormal_distribution<double>(3.0, 1.0)(r);
    }) << 100000;
    QTest::newRow("constant") << Generator([](std::mt19937 &) { return 42.5; }) << 1000;
    QTest::newRow("1e-3..1e6") << Generator([](std::mt19937 &r) {
        return std::pow(10.0, std::uniform_real_distribution<double>(-3, 6)(r));
    }) << 100000;
    QTest::newRow("zeros and negatives") << Generator([](std::mt19937 &r) {
        const double u = std::uniform_real_distribution<double>(0, 1)(r);
        if (u < 0.15)
            return 0.0;
        return std::normal_distribution<double>(5, 100)(r);
    }) << 50000;
    QTest::newRow("only negatives") << Generator([](std::mt19937 &r) {
        return -std::exponential_distribution<double>(1.0 / 20)(r);
    }) << 20000;
    QTest::newRow("integers with ties") << Generator([](std::mt19937 &r) {
        return double(std::uniform_int_distribution<int>(1, 20)(r));
    }) << 10000;
    QTest::newRow("few samples") << Generator([](std::mt19937 &r) {
        return std::lognormal_distribution<double>(1.0, 2.0)(r);
    }) << 7;
    QTest::newRow("bimodal latencies") << Generator([](std::mt19937 &r) {
        return std::uniform_real_distribution<double>(0, 1)(r) < 0.9
                   ? std::normal_distribution<double>(20, 2)(r)
                   : std::normal_distribution<double>(900, 50)(r);
    }) << 100000;
}

void TestHistogram::accuracy()
{
    QFETCH(Generator, gen);
    QFETCH(int, n);
    const std::vector<double> values = generate(gen, size_t(n), 20240601u);
    const Histogram h = histogramOf(values);

    // count, sum, min, max are exact (the sum accumulates in the same order).
    double sum = 0;
    for (double v : values)
        sum += v;
    QCOMPARE(h.count(), uint64_t(n));
    QVERIFY(h.sum() == sum);
    QVERIFY(h.min() == *std::min_element(values.begin(), values.end()));
    QVERIFY(h.max() == *std::max_element(values.begin(), values.end()));
    QVERIFY(h.mean() == sum / double(n));

    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    for (double p : kPercentiles) {
        const Exact e = exactPercentile(sorted, p);
        const double got = h.percentile(p);
        QVERIFY2(std::fabs(got - e.value) <= e.tolerance,
                 qPrintable(QStringLiteral("p(%1): got %2, exact %3, error %4 > allowed %5")
                                .arg(p)
                                .arg(got, 0, 'g', 17)
                                .arg(e.value, 0, 'g', 17)
                                .arg(std::fabs(got - e.value), 0, 'g', 6)
                                .arg(e.tolerance, 0, 'g', 6)));
    }
    // The extremes are exact, not bucket midpoints.
    QVERIFY(h.percentile(0) == sorted.front());
    QVERIFY(h.percentile(100) == sorted.back());
    // Out-of-range p is clamped.
    QVERIFY(h.percentile(-5) == sorted.front());
    QVERIFY(h.percentile(250) == sorted.back());
}

void TestHistogram::emptyAndSingle()
{
    Histogram h;
    QCOMPARE(h.count(), uint64_t(0));
    QCOMPARE(h.sum(), 0.0);
    QCOMPARE(h.min(), 0.0);
    QCOMPARE(h.max(), 0.0);
    QCOMPARE(h.mean(), 0.0);
    QCOMPARE(h.percentile(50), 0.0);
    QVERIFY(h.buckets().empty());

    h.add(123.456);
    for (double p : {0.0, 50.0, 95.0, 100.0})
        QVERIFY(h.percentile(p) == 123.456); // a single sample is reported exactly
    QVERIFY(h.mean() == 123.456);
}

void TestHistogram::twoValuesInterpolate()
{
    Histogram h;
    h.add(10);
    h.add(20);
    QCOMPARE(h.percentile(0), 10.0);
    QCOMPARE(h.percentile(100), 20.0);
    // Both values are the extremes, so interpolation between them is exact.
    QCOMPARE(h.percentile(50), 15.0);
    QCOMPARE(h.percentile(90), 19.0);
}

void TestHistogram::bucketRoundTrip()
{
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> exponent(-40, 40);
    std::uniform_real_distribution<double> mantissa(1, 2);
    int32_t previousIndex = std::numeric_limits<int32_t>::min();
    double previous = 0;
    std::vector<double> values;
    for (int i = 0; i < 20000; ++i)
        values.push_back(std::ldexp(mantissa(rng), int(exponent(rng))));
    // Powers of two and bucket edges are the worst cases.
    for (int e = -30; e <= 30; ++e) {
        values.push_back(std::ldexp(1.0, e));
        values.push_back(std::nextafter(std::ldexp(1.0, e), 0.0));
    }
    std::sort(values.begin(), values.end());
    for (double v : values) {
        const int32_t idx = Histogram::bucketIndex(v);
        const double rep = Histogram::bucketValue(idx);
        QVERIFY2(std::fabs(rep - v) <= Histogram::kRelativeError * v * (1 + 1e-12),
                 qPrintable(QStringLiteral("value %1 -> bucket %2 -> %3").arg(v, 0, 'g', 17).arg(idx).arg(rep, 0, 'g', 17)));
        QVERIFY2(idx >= previousIndex, qPrintable(QStringLiteral("bucketIndex not monotonic at %1 (after %2)")
                                                      .arg(v, 0, 'g', 17)
                                                      .arg(previous, 0, 'g', 17)));
        QCOMPARE(Histogram::bucketIndex(rep), idx); // a representative lies in its own bucket
        previousIndex = idx;
        previous = v;
    }
}

void TestHistogram::weightedAdd()
{
    Histogram weighted, repeated;
    weighted.add(3.5, 4);
    weighted.add(100, 2);
    weighted.add(0, 3);
    weighted.add(7, 0); // no-op
    for (int i = 0; i < 4; ++i)
        repeated.add(3.5);
    for (int i = 0; i < 2; ++i)
        repeated.add(100);
    for (int i = 0; i < 3; ++i)
        repeated.add(0);
    QCOMPARE(weighted.count(), uint64_t(9));
    QCOMPARE(weighted.sum(), repeated.sum());
    QCOMPARE(weighted.min(), 0.0);
    QCOMPARE(weighted.max(), 100.0);
    QCOMPARE(weighted.zeroCount(), uint64_t(3));
    for (double p : kPercentiles)
        QCOMPARE(weighted.percentile(p), repeated.percentile(p));
}

void TestHistogram::nanIgnored()
{
    Histogram h;
    h.add(1);
    h.add(std::numeric_limits<double>::quiet_NaN());
    h.add(3);
    QCOMPARE(h.count(), uint64_t(2));
    QCOMPARE(h.sum(), 4.0);
    QVERIFY(!std::isnan(h.percentile(50)));
}

void TestHistogram::mergeEqualsUnion()
{
    const auto a = generate([](std::mt19937 &r) { return std::lognormal_distribution<double>(2, 1)(r); }, 30000, 1);
    const auto b = generate(
        [](std::mt19937 &r) {
            const double u = std::uniform_real_distribution<double>(-50, 5000)(r);
            return u < 0 && u > -5 ? 0.0 : u;
        },
        20000, 2);
    Histogram ha = histogramOf(a);
    const Histogram hb = histogramOf(b);
    std::vector<double> all = a;
    all.insert(all.end(), b.begin(), b.end());
    const Histogram hu = histogramOf(all);

    ha.merge(hb);
    QCOMPARE(ha.count(), hu.count());
    QVERIFY(ha.min() == hu.min());
    QVERIFY(ha.max() == hu.max());
    QVERIFY(std::fabs(ha.sum() - hu.sum()) <= 1e-9 * std::fabs(hu.sum()));
    QCOMPARE(ha.zeroCount(), hu.zeroCount());
    const auto bm = ha.buckets(), bu = hu.buckets();
    QCOMPARE(bm.size(), bu.size());
    for (size_t i = 0; i < bm.size(); ++i) {
        QCOMPARE(bm[i].negative, bu[i].negative);
        QCOMPARE(bm[i].index, bu[i].index);
        QCOMPARE(bm[i].count, bu[i].count);
    }
    std::sort(all.begin(), all.end());
    for (double p : kPercentiles) {
        QCOMPARE(ha.percentile(p), hu.percentile(p));
        const Exact e = exactPercentile(all, p);
        QVERIFY2(std::fabs(ha.percentile(p) - e.value) <= e.tolerance, qPrintable(QString::number(p)));
    }

    // Merging in the other order gives the same distribution.
    Histogram hb2 = histogramOf(b);
    hb2.merge(histogramOf(a));
    for (double p : kPercentiles)
        QCOMPARE(hb2.percentile(p), hu.percentile(p));
}

void TestHistogram::mergeWithEmpty()
{
    Histogram empty, h;
    h.add(-2);
    h.add(5);
    Histogram copy = h;
    copy.merge(empty);
    QCOMPARE(copy.count(), uint64_t(2));
    QCOMPARE(copy.min(), -2.0);
    QCOMPARE(copy.max(), 5.0);
    empty.merge(h);
    QCOMPARE(empty.count(), uint64_t(2));
    QCOMPARE(empty.min(), -2.0);
    QCOMPARE(empty.max(), 5.0);
    QCOMPARE(empty.sum(), 3.0);
    QCOMPARE(empty.percentile(50), h.percentile(50));
}

void TestHistogram::memoryBounded()
{
    // 1e6 latencies between 0.1 ms and 5 s (log-uniform: every octave populated).
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> exponent(std::log10(0.1), std::log10(5000));
    Histogram h;
    size_t afterFirstThousand = 0;
    for (int i = 0; i < 1'000'000; ++i) {
        h.add(std::pow(10.0, exponent(rng)));
        if (i == 999)
            afterFirstThousand = h.memoryBytes();
    }
    QCOMPARE(h.count(), uint64_t(1'000'000));
    QVERIFY2(h.memoryBytes() < 64 * 1024, qPrintable(QString::number(h.memoryBytes())));
    // Memory depends on the value range, not the sample count.
    QVERIFY2(h.memoryBytes() <= 2 * afterFirstThousand,
             qPrintable(QStringLiteral("%1 vs %2").arg(h.memoryBytes()).arg(afterFirstThousand)));
}

void TestHistogram::serialisationRoundTrip()
{
    const auto values = generate(
        [](std::mt19937 &r) {
            const double u = std::uniform_real_distribution<double>(0, 1)(r);
            if (u < 0.1)
                return 0.0;
            if (u < 0.3)
                return -std::exponential_distribution<double>(0.1)(r);
            return std::lognormal_distribution<double>(4, 1.5)(r);
        },
        40000, 99);
    const Histogram h = histogramOf(values);

    Histogram restored;
    uint64_t inBuckets = 0;
    for (const Histogram::Bucket &b : h.buckets()) {
        restored.addBucket(b);
        inBuckets += b.count;
    }
    QCOMPARE(inBuckets + h.zeroCount(), h.count());
    restored.setExtremes(h.min(), h.max(), h.sum(), h.count());

    QCOMPARE(restored.count(), h.count());
    QCOMPARE(restored.zeroCount(), h.zeroCount());
    QVERIFY(restored.min() == h.min());
    QVERIFY(restored.max() == h.max());
    QVERIFY(restored.sum() == h.sum());
    for (double p : kPercentiles)
        QVERIFY2(restored.percentile(p) == h.percentile(p), qPrintable(QString::number(p)));

    // Restoring in a shuffled order changes nothing either.
    std::vector<Histogram::Bucket> shuffled = h.buckets();
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(5));
    Histogram restored2;
    for (const auto &b : shuffled)
        restored2.addBucket(b);
    restored2.setExtremes(h.min(), h.max(), h.sum(), h.count());
    for (double p : kPercentiles)
        QVERIFY(restored2.percentile(p) == h.percentile(p));
}

void TestHistogram::forEachBucketOrder()
{
    Histogram h;
    for (double v : {-100.0, -1.0, 0.0, 0.0, 0.5, 3.0, 3.0, 1e6})
        h.add(v);
    std::vector<std::pair<double, uint64_t>> seen;
    h.forEachBucket([&](double value, uint64_t count) { seen.emplace_back(value, count); });
    QCOMPARE(seen.size(), size_t(6));
    uint64_t total = 0;
    for (size_t i = 0; i < seen.size(); ++i) {
        total += seen[i].second;
        if (i)
            QVERIFY2(seen[i].first > seen[i - 1].first, "buckets not in ascending value order");
    }
    QCOMPARE(total, h.count());
    QVERIFY(seen[0].first < -99 && seen[0].first > -101);
    QCOMPARE(seen[2].first, 0.0);
    QCOMPARE(seen[2].second, uint64_t(2));
    QCOMPARE(seen[4].second, uint64_t(2));
}

void TestHistogram::clear()
{
    Histogram h;
    h.add(1);
    h.add(-1);
    h.add(0);
    h.clear();
    QCOMPARE(h.count(), uint64_t(0));
    QCOMPARE(h.zeroCount(), uint64_t(0));
    QVERIFY(h.buckets().empty());
    h.add(8);
    QCOMPARE(h.min(), 8.0);
    QCOMPARE(h.percentile(50), 8.0);
}

QTEST_APPLESS_MAIN(TestHistogram)
#include "tst_histogram.moc"
