namespace NetWatch.Pipeline.Observers;

/// <summary>
/// An observer told, on the store stage, that the session it last wrote through has committed: what it wrote is then
/// durable, and may be acted on outside the store (the alert observer hands the notifications it raised to the live
/// feed at once, instead of leaving them to the outbox's next pass). Never called for a session that did not commit.
/// </summary>
public interface ICommitListener
{
    void Committed();
}
