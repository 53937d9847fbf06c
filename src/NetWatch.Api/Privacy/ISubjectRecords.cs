namespace NetWatch.Api.Privacy;

/// <summary>
/// A further kind of record a subject-access export includes, beside the store's events, findings, visits and audit
/// records: the seam for stores of their own (alerts: register an implementation in the container, and the export
/// gains <c>{Kind}.ndjson</c> and a row in its summary).
/// </summary>
public interface ISubjectRecords
{
    /// <summary>The kind's name: the file's name in the zip and the summary's row ("alerts").</summary>
    string Kind { get; }

    /// <summary>
    /// Every record of this kind about <paramref name="person"/> (of <paramref name="school"/> only when not null), each as
    /// one JSON document on a line of its own, with its instant for the summary's first and last.
    /// </summary>
    IAsyncEnumerable<SubjectRecord> ForPersonAsync(string person, string? school, CancellationToken cancellationToken);
}

/// <summary>One record of a person, as one line of JSON, and when it happened.</summary>
public sealed record SubjectRecord(NodaTime.Instant At, string Json);
