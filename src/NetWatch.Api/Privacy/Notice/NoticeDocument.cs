namespace NetWatch.Api.Privacy.Notice;

/// <summary>
/// The notice as a small document (headings, paragraphs, lists, tables of plain text) that <see cref="NoticeMarkdown"/>
/// and <see cref="NoticeHtml"/> render: the content is written once, and every text is escaped by the renderer.
/// </summary>
public sealed record NoticeDocument(string Title, IReadOnlyList<NoticeBlock> Blocks);

public abstract record NoticeBlock;
public sealed record NoticeHeading(string Text) : NoticeBlock;
public sealed record NoticeParagraph(string Text) : NoticeBlock;
public sealed record NoticeList(IReadOnlyList<string> Items) : NoticeBlock;
public sealed record NoticeTable(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : NoticeBlock;
