package dev.parley.prompts.control;

import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.errors.Conflict;
import dev.parley.platform.errors.Forbidden;
import dev.parley.platform.errors.NotFound;
import dev.parley.platform.errors.Unprocessable;
import dev.parley.platform.persistence.DatabaseFaults;
import dev.parley.prompts.entity.Prompt;
import dev.parley.prompts.entity.PromptChanges;
import dev.parley.prompts.entity.PromptPage;
import dev.parley.prompts.entity.PromptQuery;
import dev.parley.prompts.entity.PromptRequest;
import dev.parley.prompts.entity.PromptText;
import dev.parley.prompts.entity.PromptView;
import dev.parley.security.entity.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.util.List;

/**
 * The prompt library: the caller's own prompts (per user and application) and the system templates
 * everyone sees. Every public method is one transaction. Another owner's prompt is a 404; changing
 * a template without the {@code admin} group is a 403.
 */
@Stateless
public class Prompts {

  static final String NOT_FOUND = "prompt not found";
  static final String TEMPLATES_ADMIN_ONLY =
      "only administrators may create, change or delete system templates";
  static final String TEMPLATE_FLAG_FIXED =
      "is_template cannot be changed; create a new prompt instead";
  static final String CHANGED_CONCURRENTLY = "the prompt was changed concurrently; retry";

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  public PromptView create(Caller caller, PromptRequest request) {
    boolean template;
    try {
      template = request.wantsTemplate();
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
    if (template && !caller.isAdmin()) {
      throw new Forbidden(TEMPLATES_ADMIN_ONLY);
    }
    PromptText text = PromptBodies.text(request);
    Prompt prompt =
        template
            ? Prompt.template(text, clock.instant())
            : Prompt.owned(caller.userId(), caller.applicationId(), text, clock.instant());
    em.persist(prompt);
    em.flush();
    return view(prompt);
  }

  public PromptView find(Caller caller, long id) {
    return view(visible(caller, id));
  }

  /**
   * One page, filtered and ordered in the database: most recently updated first, then highest id.
   */
  public PromptPage list(Caller caller, PromptQuery query) {
    StringBuilder where =
        new StringBuilder(" WHERE ((p.userId = :userId AND p.applicationId = :applicationId)");
    where.append(query.includeTemplates() ? " OR p.userId IS NULL)" : ")");
    if (query.scenario() != null) {
      where.append(" AND p.scenario = :scenario");
    }
    if (query.search() != null) {
      String like = " LIKE :pattern ESCAPE '" + PromptQuery.ESCAPE + "'";
      where
          .append(" AND (LOWER(p.title)")
          .append(like)
          .append(" OR LOWER(p.content)")
          .append(like)
          .append(" OR LOWER(p.description)")
          .append(like)
          .append(')');
    }
    long total =
        bind(em.createQuery("SELECT COUNT(p) FROM Prompt p" + where, Long.class), caller, query)
            .getSingleResult();
    List<PromptView> items =
        bind(
                em.createQuery(
                    "SELECT p FROM Prompt p" + where + " ORDER BY p.updatedAt DESC, p.id DESC",
                    Prompt.class),
                caller,
                query)
            .setFirstResult(query.offset())
            .setMaxResults(query.pageSize())
            .getResultList()
            .stream()
            .map(Prompts::view)
            .toList();
    return new PromptPage(items, total, query.page(), query.pageSize());
  }

  public PromptView update(Caller caller, long id, PromptChanges changes) {
    Prompt prompt = changeable(caller, id);
    if (changes.isTemplate() != null && changes.isTemplate() != prompt.isTemplate()) {
      throw new Unprocessable(TEMPLATE_FLAG_FIXED);
    }
    prompt.revise(PromptBodies.merge(prompt.text(), changes), clock.instant());
    try {
      em.flush();
    } catch (PersistenceException concurrentChange) {
      throw DatabaseFaults.outageOr(concurrentChange, () -> new Conflict(CHANGED_CONCURRENTLY));
    }
    return view(prompt);
  }

  public void delete(Caller caller, long id) {
    em.remove(changeable(caller, id));
  }

  /** The content of a prompt the caller may use (own or template), for a preview. */
  public String content(Caller caller, long id) {
    return visible(caller, id).content();
  }

  /**
   * Counts one use of a prompt the caller may use, atomically in the database. A prompt deleted
   * meanwhile simply counts nothing.
   */
  public void countUse(Caller caller, long id) {
    em.createNamedQuery(Prompt.COUNT_USE)
        .setParameter("id", id)
        .setParameter("userId", caller.userId())
        .setParameter("applicationId", caller.applicationId())
        .executeUpdate();
  }

  private Prompt visible(Caller caller, long id) {
    return em.createNamedQuery(Prompt.VISIBLE, Prompt.class)
        .setParameter("id", id)
        .setParameter("userId", caller.userId())
        .setParameter("applicationId", caller.applicationId())
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> new NotFound(NOT_FOUND));
  }

  private Prompt changeable(Caller caller, long id) {
    Prompt prompt = visible(caller, id);
    if (prompt.isTemplate() && !caller.isAdmin()) {
      throw new Forbidden(TEMPLATES_ADMIN_ONLY);
    }
    return prompt;
  }

  static PromptView view(Prompt prompt) {
    return PromptView.of(
        prompt,
        PromptBodies.metadata(prompt.metadata()),
        TemplateRenderer.variablesOf(prompt.content()));
  }

  private static <T> TypedQuery<T> bind(TypedQuery<T> query, Caller caller, PromptQuery filter) {
    query
        .setParameter("userId", caller.userId())
        .setParameter("applicationId", caller.applicationId());
    if (filter.scenario() != null) {
      query.setParameter("scenario", filter.scenario());
    }
    if (filter.search() != null) {
      query.setParameter("pattern", filter.searchPattern());
    }
    return query;
  }
}
