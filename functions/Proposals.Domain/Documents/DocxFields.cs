using System.Text;
using System.Xml;

namespace Proposals.Domain.Documents;

/// <summary>
/// Word's field codes, read as Word reads them: <c>w:fldSimple/@w:instr</c>, and complex fields whose
/// instruction is split over <c>w:instrText</c> runs between <c>w:fldChar</c> begin, separate and end (nested
/// fields kept apart), joined before judging, so <c>INCLUDE</c> in one run and <c>PICTURE</c> in the next is still
/// <c>INCLUDEPICTURE</c>. Fields that fetch a file, a picture or another program's data when the document opens or
/// updates are refused: they leak the reader's address and, for a network path, the NTLM hash.
/// </summary>
public static class DocxFields
{
    private const int MaxFieldLength = 4_096;
    private const int MaxNesting = 32;

    private static readonly HashSet<string> Fetching = new(StringComparer.OrdinalIgnoreCase)
    {
        "INCLUDEPICTURE", "INCLUDETEXT", "LINK", "DDE", "DDEAUTO", "IMPORT",
    };

    /// <summary>Every field instruction in a text part (document, header, footer, notes, comments).</summary>
    public static IEnumerable<string> Instructions(XmlReader reader)
    {
        using (reader)
        {
            var open = new Stack<StringBuilder>();
            var advanced = false; // reading an element's text moves the reader on by itself
            while (advanced || reader.Read())
            {
                advanced = false;
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "fldSimple":
                        if (Attribute(reader, "instr") is { } instruction)
                        {
                            yield return instruction;
                        }

                        break;
                    case "fldChar":
                        switch (Attribute(reader, "fldCharType"))
                        {
                            case "begin":
                                if (open.Count >= MaxNesting)
                                {
                                    throw new InvalidDataException("fields nested too deeply");
                                }

                                open.Push(new StringBuilder());
                                break;
                            case "end" when open.Count > 0:
                                yield return open.Pop().ToString();
                                break;
                        }

                        break;
                    case "instrText" or "delInstrText" when open.Count > 0 && !reader.IsEmptyElement:
                        var text = reader.ReadElementContentAsString();
                        advanced = true;
                        var current = open.Peek();
                        current.Append(text.AsSpan(0, Math.Min(text.Length, Math.Max(0, MaxFieldLength - current.Length))));
                        break;
                }
            }

            while (open.Count > 0)
            {
                yield return open.Pop().ToString(); // a field never closed is still judged
            }
        }
    }

    /// <summary>Null for a field that stays inside the document (page numbers, dates, references, forms...).</summary>
    public static DocumentProblem? ProblemFor(string instruction)
    {
        var trimmed = instruction.TrimStart(' ', '\t', '\r', '\n', '\u00A0', '{');
        var end = 0;
        while (end < trimmed.Length && char.IsAsciiLetter(trimmed[end]))
        {
            end++;
        }

        var name = trimmed[..end].ToUpperInvariant();
        if (!Fetching.Contains(name))
        {
            return null;
        }

        var (vi, en) = name switch
        {
            "INCLUDEPICTURE" => ("hình ảnh liên kết (trường INCLUDEPICTURE)", "a linked picture (an INCLUDEPICTURE field)"),
            "INCLUDETEXT" => ("văn bản lấy từ tệp khác (trường INCLUDETEXT)", "text included from another file (an INCLUDETEXT field)"),
            "IMPORT" => ("hình ảnh nhập từ tệp khác (trường IMPORT)", "a picture imported from another file (an IMPORT field)"),
            "LINK" => ("đối tượng liên kết tới tệp khác (trường LINK)", "an object linked to another file (a LINK field)"),
            _ => ($"liên kết dữ liệu động tới chương trình khác (trường {name})", $"a dynamic data link to another program (a {name} field)"),
        };
        return new("editableForm",
            $"Tệp Word chứa {vi}. Hãy xoá liên kết đó, hoặc chọn toàn bộ (Ctrl+A) rồi nhấn Ctrl+Shift+F9 để chuyển các trường thành nội dung thường, lưu lại dạng .docx rồi gửi lại.",
            $"The Word file contains {en}. Remove the linked item, or select all (Ctrl+A) and press Ctrl+Shift+F9 to turn fields into plain content, then save as .docx and send it again.");
    }

    private static string? Attribute(XmlReader reader, string localName)
    {
        if (!reader.HasAttributes)
        {
            return null;
        }

        for (var i = 0; i < reader.AttributeCount; i++)
        {
            reader.MoveToAttribute(i);
            if (reader.LocalName == localName)
            {
                var value = reader.Value;
                reader.MoveToElement();
                return value;
            }
        }

        reader.MoveToElement();
        return null;
    }
}
