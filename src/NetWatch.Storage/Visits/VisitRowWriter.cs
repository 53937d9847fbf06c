using NetWatch.Core.Visits;
using NetWatch.Storage.Events;

namespace NetWatch.Storage.Visits;

/// <summary>Writes one visit as a row of a data chunk (<see cref="ChunkFiller"/>), in the visits table's column order
/// (personal_time, added after the others, last: <see cref="VisitTable.Statements"/>).</summary>
internal static class VisitRowWriter
{
    public static void Append(ChunkFiller w, IVisitView v)
    {
        var i = 0;
        w.Varchar(i++, v.Person);
        w.Varchar(i++, v.Role);
        w.Varchar(i++, v.Domain);
        w.Timestamp(i++, v.Start);
        w.Timestamp(i++, v.End);
        w.Double(i++, (v.End - v.Start).TotalSeconds); // Visit.Duration
        w.Int32(i++, v.EventCount);
        w.VarcharList(i++, v.Categories);
        w.Varchar(i++, v.Verdict);
        w.Varchar(i++, v.PolicyName);
        w.Uuid(i++, v.FirstEventId.Value);
        // The JSON straight into the chunk: no string per visit (most of the live visits write's allocation), nor a list of
        // its spans (an open visit walks them from its requests).
        var cursor = 0;
        if (!v.NextPersonalSpan(ref cursor, out _)) w.Null(i++);
        else w.Utf8(i++, v, PersonalTimeJson.MaxBytes(v.PersonalSpansAtMost), PersonalTimeJson.WriteUtf8);
        w.EndRow(i);
    }
}
