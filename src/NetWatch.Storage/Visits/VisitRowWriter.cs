using NetWatch.Core.Visits;
using NetWatch.Storage.Events;

namespace NetWatch.Storage.Visits;

/// <summary>Writes one visit as a row of a data chunk (<see cref="ChunkFiller"/>), in the visits table's column order
/// (personal_time, added after the others, last: <see cref="VisitTable.Statements"/>).</summary>
internal static class VisitRowWriter
{
    public static void Append(ChunkFiller w, Visit v)
    {
        var i = 0;
        w.Varchar(i++, v.Person);
        w.Varchar(i++, v.Role);
        w.Varchar(i++, v.Domain);
        w.Timestamp(i++, v.Start);
        w.Timestamp(i++, v.End);
        w.Double(i++, v.Duration.TotalSeconds);
        w.Int32(i++, v.EventCount);
        w.VarcharList(i++, v.Categories);
        w.Varchar(i++, v.Verdict);
        w.Varchar(i++, v.PolicyName);
        w.Uuid(i++, v.FirstEventId.Value);
        // The JSON straight into the chunk: no string per visit (most of the live visits write's allocation).
        if (v.PersonalTime.Count == 0) w.Null(i++);
        else w.Utf8(i++, v.PersonalTime, PersonalTimeJson.MaxBytes(v.PersonalTime.Count), PersonalTimeJson.WriteUtf8);
        w.EndRow(i);
    }
}
