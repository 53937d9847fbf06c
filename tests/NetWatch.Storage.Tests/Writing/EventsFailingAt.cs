using System.Collections;
using NetWatch.Core.Events;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// Events made on demand, one of which cannot be read (a list that fails part-way): what an insert does when filling a
/// chunk throws (<see cref="EventRowsInsertTests"/>, <see cref="ParallelRowsInsertTests"/>).
/// </summary>
internal sealed class EventsFailingAt(Func<long, NetEvent> make, int failing, int count) : IReadOnlyList<NetEvent>
{
    public NetEvent this[int index] => index == failing ? throw new IOException($"event {index} cannot be read") : make(index + 1);
    public int Count => count;
    public IEnumerator<NetEvent> GetEnumerator() => Enumerable.Range(0, count).Select(i => this[i]).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
