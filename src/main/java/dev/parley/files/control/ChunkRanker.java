package dev.parley.files.control;

import dev.parley.files.control.DocumentChunker.Chunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Ranks chunks against a question with Lucene's BM25 over a throw-away in-memory index, then fills
 * a token budget with the best ones and returns them in document order. Plain Java, no state
 * between calls.
 */
public final class ChunkRanker {

  private static final String TEXT = "text";
  private static final String POSITION = "position";

  private ChunkRanker() {}

  /**
   * The most relevant chunks for {@code question} whose tokens (each plus {@code overheadPerChunk})
   * fit in {@code budget}, in their original order. Chunks that match no term fill the rest of the
   * budget in order, so a question without useful words still gets the beginning of the documents.
   */
  public static List<Chunk> select(
      List<Chunk> chunks, String question, int budget, int overheadPerChunk) {
    List<Integer> order = new ArrayList<>(rank(chunks, question));
    boolean[] ranked = new boolean[chunks.size()];
    order.forEach(position -> ranked[position] = true);
    for (int i = 0; i < chunks.size(); i++) {
      if (!ranked[i]) {
        order.add(i);
      }
    }
    List<Integer> chosen = new ArrayList<>();
    int used = 0;
    for (int position : order) {
      int cost = chunks.get(position).tokens() + overheadPerChunk;
      if (used + cost <= budget) {
        chosen.add(position);
        used += cost;
      }
    }
    chosen.sort(Comparator.naturalOrder());
    return chosen.stream().map(chunks::get).toList();
  }

  /** Positions of the chunks matching {@code question}, best BM25 score first. */
  public static List<Integer> rank(List<Chunk> chunks, String question) {
    if (chunks.isEmpty() || question == null || question.isBlank()) {
      return List.of();
    }
    try (Analyzer analyzer = new EnglishAnalyzer();
        ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
      IndexWriterConfig config =
          new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (int i = 0; i < chunks.size(); i++) {
          Document doc = new Document();
          doc.add(new TextField(TEXT, chunks.get(i).text(), Field.Store.NO));
          doc.add(new StoredField(POSITION, i));
          writer.addDocument(doc);
        }
      }
      Query query = query(analyzer, question);
      if (query == null) {
        return List.of();
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity());
        List<Integer> ranked = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(query, chunks.size()).scoreDocs) {
          ranked.add(
              searcher
                  .storedFields()
                  .document(hit.doc)
                  .getField(POSITION)
                  .numericValue()
                  .intValue());
        }
        return ranked;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory: does not happen
    }
  }

  /**
   * An OR of the question's analysed terms (no query syntax: user text is never parsed as a query).
   */
  private static Query query(Analyzer analyzer, String question) throws IOException {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    int terms = 0;
    try (TokenStream stream = analyzer.tokenStream(TEXT, question)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken() && terms < BooleanQuery.getMaxClauseCount()) {
        builder.add(new TermQuery(new Term(TEXT, term.toString())), BooleanClause.Occur.SHOULD);
        terms++;
      }
      stream.end();
    }
    return terms == 0 ? null : builder.build();
  }
}
