namespace NetWatch.Core.Events;

public interface IEventEnricher { NetEvent Enrich(NetEvent e); }
