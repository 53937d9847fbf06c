using System.Text.Json;
using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Storage.Alerts;

/// <summary>The JSON columns of the alert tables: the detection part's subject, evidence and event ids; the triage notes.</summary>
internal static class AlertJson
{
    private sealed record Detection(SubjectDto Subject, List<EvidenceDto> Evidence, List<string> EventIds);
    private sealed record SubjectDto(string? Person, string? Role, string? Group, string? Device, string? Ip);
    private sealed record EvidenceDto(string EventId, long AtTicks, string? Url, string? Domain, string? SearchTerms, string? Matched,
        List<string> Categories, int Severity, string Rule, string Clause, string? PolicyRule, string? PolicyClause, string? Explanation);
    private sealed record NoteDto(long AtTicks, string Author, string Text);

    public static string Write(Alert a) => JsonSerializer.Serialize(new Detection(
        new SubjectDto(a.Subject.Person, a.Subject.Role, a.Subject.Group, a.Subject.Device, a.Subject.Ip),
        a.Evidence.Select(e => new EvidenceDto(e.EventId.ToString(), e.At.ToUnixTimeTicks(), e.Url, e.Domain, e.SearchTerms, e.Matched,
            e.Categories.ToList(), e.Severity, e.Rule, e.Clause, e.PolicyRule, e.PolicyClause, e.Explanation)).ToList(),
        a.EventIds.Select(id => id.ToString()).ToList()));

    public static (AlertSubject Subject, List<AlertEvidence> Evidence, List<EventId> EventIds) Read(string json)
    {
        var d = JsonSerializer.Deserialize<Detection>(json)!;
        var subject = new AlertSubject { Person = d.Subject.Person, Role = d.Subject.Role, Group = d.Subject.Group, Device = d.Subject.Device, Ip = d.Subject.Ip };
        var evidence = d.Evidence.Select(e => new AlertEvidence
        {
            EventId = Id(e.EventId), At = Instant.FromUnixTimeTicks(e.AtTicks), Url = e.Url, Domain = e.Domain, SearchTerms = e.SearchTerms,
            Matched = e.Matched, Categories = e.Categories, Severity = e.Severity, Rule = e.Rule, Clause = e.Clause,
            PolicyRule = e.PolicyRule, PolicyClause = e.PolicyClause, Explanation = e.Explanation,
        }).ToList();
        return (subject, evidence, d.EventIds.Select(Id).ToList());
    }

    public static string WriteNotes(IReadOnlyList<AlertNote> notes) =>
        JsonSerializer.Serialize(notes.Select(n => new NoteDto(n.At.ToUnixTimeTicks(), n.Author, n.Text)).ToList());

    public static List<AlertNote> ReadNotes(string json) =>
        JsonSerializer.Deserialize<List<NoteDto>>(json)!.Select(n => new AlertNote(Instant.FromUnixTimeTicks(n.AtTicks), n.Author, n.Text)).ToList();

    private static EventId Id(string text) => EventId.TryParse(text, out var id) ? id : throw new FormatException($"stored alert names a bad event id '{text}'");
}
