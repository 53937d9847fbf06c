namespace NetWatch.Api.Privacy;

/// <summary>
/// Whose data a subject-access export gathers (<see cref="Person"/>: user.name, exact), within which school (null: the
/// whole trust), for whom (the account or "os:USER" that asked, named in the summary), the person's other identifiers
/// the audit log may hold (their SLT pseudonyms), and whether visits, which carry no school yet, may be included.
/// </summary>
public sealed record SubjectAccessRequest(string Person, string? School, string RequestedBy)
{
    public IReadOnlyCollection<string> Aliases { get; init; } = [];

    /// <summary>Visits have no school yet: a school-scoped request leaves them out (and the summary says so).</summary>
    public bool IncludeVisits => School is null;
}

/// <summary>What one file of the export holds: how many records, the first and last instant, and a note when a kind is left out.</summary>
public sealed record SubjectAccessPart(string Kind, string File, long Records, NodaTime.Instant? First = null, NodaTime.Instant? Last = null, string? Note = null);

/// <summary>The export's parts, the sites of the person's events by requests, and who looked at their data.</summary>
public sealed record SubjectAccessResult(
    IReadOnlyList<SubjectAccessPart> Parts,
    IReadOnlyList<KeyValuePair<string, long>> Sites,
    IReadOnlyList<Storage.Contracts.Audit.StoredAuditRecord> Readers)
{
    /// <summary>Records exported (every part's), for the audit record of the export itself.</summary>
    public long Total => Parts.Sum(p => p.Records);
}
