#include "core/har/importpreview.h"

#include "core/har/autocorrelate.h"
#include "core/har/extract.h"
#include "core/har/util.h"

#include <algorithm>
#include <set>

namespace stampede::har {

using json = nlohmann::json;

namespace {

bool contains(const std::string &hay, const std::string &needle)
{
    return !needle.empty() && hay.find(needle) != std::string::npos;
}

// The request's URL, header values and body, as the generator rewrites them.
struct RequestText
{
    std::string url;
    std::string headers;
    std::string body;
};

RequestText requestText(const Request &q)
{
    RequestText t;
    t.url = q.url;
    for (const NameValue &h : q.headers)
        t.headers += h.value + '\n';
    if (q.postData) {
        t.body = q.postData->text;
        for (const PostParam &p : q.postData->params)
            t.body += '\n' + p.value;
    }
    return t;
}

bool sends(const RequestText &t, const std::string &value, bool inUrl, bool inHeaders, bool inBody)
{
    if (value.empty())
        return false;
    const std::string encoded = encodeUriComponent(value);
    return (inUrl && (contains(t.url, value) || contains(t.url, encoded))) || (inHeaders && contains(t.headers, value)) ||
           (inBody && (contains(t.body, value) || contains(t.body, encoded)));
}

bool parameterMatches(const Parameter &p, const Request &q, const RequestText &t)
{
    if (!p.from.empty() && !urlMatches(p.from, q.url))
        return false;
    switch (p.match) {
    case Parameter::Match::Value:
        return sends(t, p.key, true, true, true);
    case Parameter::Match::Header:
        return q.header(p.key) != nullptr;
    case Parameter::Match::QueryParam:
        return std::any_of(q.queryString.begin(), q.queryString.end(),
                           [&](const NameValue &v) { return v.name == p.key; });
    case Parameter::Match::FormField: {
        if (!q.postData)
            return false;
        if (std::any_of(q.postData->params.begin(), q.postData->params.end(),
                        [&](const PostParam &v) { return v.name == p.key; }))
            return true;
        const std::vector<NameValue> form = parseForm(q.postData->text);
        return std::any_of(form.begin(), form.end(), [&](const NameValue &v) { return v.name == p.key; });
    }
    case Parameter::Match::JsonField: {
        if (!q.postData || q.postData->text.empty())
            return false;
        const json doc = json::parse(q.postData->text, nullptr, false);
        return !doc.is_discarded() && jsonAtPath(doc, p.key) != nullptr;
    }
    }
    return false;
}

bool correlationSource(const Correlation &c, const Entry &e)
{
    if (c.entry)
        return *c.entry == e.index;
    return c.from.empty() || urlMatches(c.from, e.request.url);
}

} // namespace

std::vector<EntryMarks> annotateEntries(const Archive &archive, const Rules &rules, const FilterResult &filter)
{
    std::vector<EntryMarks> marks(archive.entries.size());
    for (const FilterResult::Skipped &s : filter.skipped)
        if (s.entry < marks.size())
            marks[s.entry].skipReason = s.reason;

    struct Live
    {
        const Correlation *rule;
        std::string value;
    };
    std::vector<Live> live; // values extracted so far, in the order the script would have them
    for (size_t idx : filter.included) {
        if (idx >= archive.entries.size())
            continue;
        const Entry &e = archive.entries[idx];
        EntryMarks &m = marks[idx];
        m.included = true;
        const RequestText text = requestText(e.request);

        std::set<std::string> used;
        for (const Live &l : live)
            if (!used.count(l.rule->name) && sends(text, l.value, l.rule->inUrl, l.rule->inHeaders, l.rule->inBody)) {
                used.insert(l.rule->name);
                m.hits.push_back({RuleHit::Kind::Correlation, RuleHit::Role::Uses, l.rule->name});
            }
        for (const Parameter &p : rules.parameters)
            if (parameterMatches(p, e.request, text))
                m.hits.push_back({RuleHit::Kind::Parameter, RuleHit::Role::Uses, p.name});
        for (const Verification &v : rules.verifications)
            if (urlMatches(v.url, e.request.url))
                m.hits.push_back({RuleHit::Kind::Verification, RuleHit::Role::Checks, v.url});
        for (const CustomCode &c : rules.customCode)
            if (urlMatches(c.url, e.request.url))
                m.hits.push_back({RuleHit::Kind::CustomCode, RuleHit::Role::Runs, c.url});
        for (const Correlation &c : rules.correlations) {
            if (!c.enabled || !correlationSource(c, e))
                continue;
            auto value = extractRecorded(c.extract, e.response);
            if (!value || value->empty())
                continue;
            m.hits.push_back({RuleHit::Kind::Correlation, RuleHit::Role::Extracts, c.name});
            live.push_back({&c, *value});
        }
    }
    return marks;
}

std::vector<Proposal> proposalsForRules(const Archive &archive, const Rules &rules, const std::vector<size_t> &included)
{
    std::vector<std::string> taken, names;
    for (const Correlation &k : rules.correlations) {
        names.push_back(k.name);
        for (size_t idx : included) {
            if (idx >= archive.entries.size())
                continue;
            const Entry &e = archive.entries[idx];
            if (!correlationSource(k, e))
                continue;
            if (auto v = extractRecorded(k.extract, e.response))
                taken.push_back(*v);
        }
    }
    for (const Parameter &p : rules.parameters) {
        names.push_back(p.name);
        if (p.match == Parameter::Match::Value)
            taken.push_back(p.key);
    }
    return proposeCorrelations(archive, included, taken, names);
}

ImportPreview buildImportPreview(const Archive &archive, const Rules &rules, const std::vector<std::string> &acceptedValues)
{
    ImportPreview out;
    out.effectiveRules = rules;
    out.effectiveRules.script.autoCorrelate = false;
    const FilterResult filter = applyFilters(archive, rules.filters);
    out.proposals = proposalsForRules(archive, rules, filter.included);
    for (const Proposal &p : out.proposals)
        if (std::find(acceptedValues.begin(), acceptedValues.end(), p.value) != acceptedValues.end())
            out.effectiveRules.correlations.push_back(p.rule);

    auto conversion = convertArchive(archive, out.effectiveRules);
    if (!conversion) {
        out.error = conversion.error().message;
        out.filter = filter;
    } else {
        out.ok = true;
        out.filter = std::move(conversion->filter);
        out.script = std::move(conversion->script);
        out.warnings = std::move(conversion->warnings);
    }
    out.marks = annotateEntries(archive, out.effectiveRules, out.filter);
    return out;
}

} // namespace stampede::har
