package dev.parley.files.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.files.control.DocumentChunker.Chunk;
import dev.parley.files.entity.DocumentText;
import dev.parley.provider.control.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkRankerTest {

  static String filler(int page) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      text.append("Section ")
          .append(page)
          .append(" discusses quarterly logistics, shipping routes and warehouse capacity. ");
    }
    return text.toString();
  }

  /** 60 pages of filler, one of which holds a unique fact. */
  static DocumentText document(int factPage, String fact) {
    StringBuilder text = new StringBuilder();
    List<Integer> offsets = new ArrayList<>();
    for (int page = 1; page <= 60; page++) {
      offsets.add(text.length());
      text.append(
              page == factPage ? filler(page).substring(0, 2000) + " " + fact + " " : filler(page))
          .append('\n');
    }
    return new DocumentText(7L, "manual.pdf", text.toString(), offsets);
  }

  @Test
  void chunksAreBoundedOverlapAndKnowTheirPages() {
    DocumentText doc = document(42, "The secret launch code of the zeppelin is PURPLE-OCTOPUS.");
    List<Chunk> chunks = new DocumentChunker(400, 40).chunk(doc);
    assertTrue(chunks.size() > 60, "many chunks: " + chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      Chunk chunk = chunks.get(i);
      assertEquals(i, chunk.index());
      assertTrue(chunk.tokens() <= 440, "chunk " + i + " has " + chunk.tokens() + " tokens");
      assertTrue(chunk.firstPage() <= chunk.lastPage());
      assertEquals(TokenCounter.count(chunk.text()), chunk.tokens());
    }
    // consecutive chunks overlap: the next one starts before the previous one ends
    String first = chunks.get(0).text();
    String second = chunks.get(1).text();
    assertTrue(first.endsWith(second.substring(0, 30)) || first.contains(second.substring(0, 30)));
    assertEquals(1, chunks.get(0).firstPage());
    assertEquals(60, chunks.get(chunks.size() - 1).lastPage());
  }

  @Test
  void bm25FindsTheChunkWithTheFactAndSelectionKeepsDocumentOrder() {
    DocumentText doc = document(42, "The secret launch code of the zeppelin is PURPLE-OCTOPUS.");
    List<Chunk> chunks = new DocumentChunker(400, 40).chunk(doc);
    List<Integer> ranked = ChunkRanker.rank(chunks, "What is the launch code of the zeppelin?");
    Chunk best = chunks.get(ranked.get(0));
    assertTrue(best.text().contains("PURPLE-OCTOPUS"), best.text());
    assertTrue(best.firstPage() <= 42 && best.lastPage() >= 42, best.pages());

    List<Chunk> chosen =
        ChunkRanker.select(chunks, "What is the launch code of the zeppelin?", 1500, 20);
    assertTrue(chosen.stream().anyMatch(c -> c.text().contains("PURPLE-OCTOPUS")));
    assertTrue(chosen.stream().mapToInt(c -> c.tokens() + 20).sum() <= 1500);
    for (int i = 1; i < chosen.size(); i++) {
      assertTrue(chosen.get(i - 1).index() < chosen.get(i).index(), "document order");
    }
  }

  @Test
  void stemmingMatchesOtherWordForms() {
    List<Chunk> chunks =
        List.of(
            new Chunk(1, "a.pdf", 0, 1, 1, "The weather was sunny all week.", 8),
            new Chunk(1, "a.pdf", 1, 2, 2, "Our company was founded in 1987 by two engineers.", 12),
            new Chunk(1, "a.pdf", 2, 3, 3, "Revenue grew steadily.", 5));
    assertEquals(
        1, ChunkRanker.rank(chunks, "When did the founding of the company happen?").get(0));
  }

  @Test
  void aQuestionWithoutUsefulTermsFillsTheBudgetFromTheStart() {
    List<Chunk> chunks =
        List.of(
            new Chunk(1, "a.pdf", 0, 1, 1, "alpha", 100),
            new Chunk(1, "a.pdf", 1, 2, 2, "beta", 100),
            new Chunk(1, "a.pdf", 2, 3, 3, "gamma", 100));
    assertEquals(List.of(), ChunkRanker.rank(chunks, "the of and"));
    List<Chunk> chosen = ChunkRanker.select(chunks, "the of and", 210, 0);
    assertEquals(List.of(0, 1), chosen.stream().map(Chunk::index).toList());
    // query syntax in user text is just text
    assertEquals(List.of(1), ChunkRanker.rank(chunks, "beta AND (NOT \"x\" *:*"));
  }
}
