using NodaTime;

namespace NetWatch.Storage.Search;

/// <summary>
/// The time windows a page of search results is looked for in. A page is the first rows of its range in time order,
/// and the events table is stored in time order, so its zone maps let a scan of a short window skip every row group
/// outside it: a page is first looked for in the range's first day, then in a window eight times as long, and so on
/// up to the whole range, stopping at the first window that holds a full page (the caller's check). Its rows are then
/// exactly the range's first rows. A person's first page over 30 days reads a day or a week of row groups instead of
/// the month's (bench/results/search-10m-*.txt); a range with fewer rows than a page is read about 1.3 times.
/// </summary>
internal static class SearchWindows
{
    public static readonly Duration First = Duration.FromDays(1);
    public const int Growth = 8;

    /// <summary>The ends of the successive windows from <paramref name="start"/>, the last being <paramref name="end"/> (null: open).</summary>
    public static IEnumerable<Instant?> Ends(Instant? start, Instant? end)
    {
        if (start is { } from && end is { } to)
            for (var length = First; from + length < to; length *= Growth)
                yield return from + length;
        yield return end;
    }
}
