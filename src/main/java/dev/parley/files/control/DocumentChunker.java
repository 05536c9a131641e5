package dev.parley.files.control;

import dev.parley.files.entity.DocumentText;
import dev.parley.provider.control.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits documents into overlapping chunks of about {@code targetTokens} tokens (counted with the
 * same BPE tokenizer as everything else), cut at whitespace, each knowing the pages it spans. Plain
 * Java.
 */
public final class DocumentChunker {

  /** A piece of one document, in document order ({@code index}), with its 1-based page range. */
  public record Chunk(
      long documentId,
      String documentName,
      int index,
      int firstPage,
      int lastPage,
      String text,
      int tokens) {

    public String pages() {
      return firstPage == lastPage ? Integer.toString(firstPage) : firstPage + "-" + lastPage;
    }
  }

  private static final Pattern WORD = Pattern.compile("\\S+");

  private final int targetTokens;
  private final int overlapTokens;

  public DocumentChunker(int targetTokens, int overlapTokens) {
    if (targetTokens <= 0 || overlapTokens < 0 || overlapTokens >= targetTokens) {
      throw new IllegalArgumentException("need 0 <= overlap < target");
    }
    this.targetTokens = targetTokens;
    this.overlapTokens = overlapTokens;
  }

  public List<Chunk> chunk(DocumentText document) {
    String text = document.text();
    // words with their start offsets and token counts; a word's count ignores the space before it,
    // which
    // BPE usually merges into the word: close enough for sizing, and each chunk is counted exactly
    // below
    List<int[]> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      words.add(new int[] {m.start(), m.end(), Math.max(1, TokenCounter.count(m.group()))});
    }
    List<Chunk> chunks = new ArrayList<>();
    int start = 0;
    while (start < words.size()) {
      int end = start;
      int tokens = 0;
      while (end < words.size() && (end == start || tokens + words.get(end)[2] <= targetTokens)) {
        tokens += words.get(end)[2];
        end++;
      }
      int from = words.get(start)[0];
      int to = words.get(end - 1)[1];
      String piece = text.substring(from, to);
      chunks.add(
          new Chunk(
              document.id(),
              document.filename(),
              chunks.size(),
              document.pageAt(from),
              document.pageAt(to - 1),
              piece,
              TokenCounter.count(piece)));
      if (end >= words.size()) {
        break;
      }
      // step back over about overlapTokens words so that a fact cut at the boundary stays whole in
      // one chunk
      int next = end;
      int overlap = 0;
      while (next - 1 > start && overlap + words.get(next - 1)[2] <= overlapTokens) {
        next--;
        overlap += words.get(next)[2];
      }
      start = next;
    }
    return chunks;
  }
}
