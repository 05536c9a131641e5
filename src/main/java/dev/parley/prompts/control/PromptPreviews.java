package dev.parley.prompts.control;

import dev.parley.platform.errors.ParleyException;
import dev.parley.platform.errors.Unprocessable;
import dev.parley.platform.metrics.ParleyMetrics;
import dev.parley.prompts.entity.PreviewRequest;
import dev.parley.prompts.entity.PreviewView;
import dev.parley.prompts.entity.Prompt;
import dev.parley.provider.control.Completions;
import dev.parley.provider.control.ModelCatalog;
import dev.parley.provider.control.TokenCounter;
import dev.parley.provider.entity.Completion;
import dev.parley.provider.entity.CompletionRequest;
import dev.parley.provider.entity.ModelDescriptor;
import dev.parley.provider.entity.PromptMessage;
import dev.parley.ratelimit.control.TierPolicy;
import dev.parley.ratelimit.control.UsageLedger;
import dev.parley.ratelimit.entity.CallKind;
import dev.parley.ratelimit.entity.UsageRecord;
import dev.parley.security.entity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Previews a prompt: renders it with the given variables and sends it, as one user message, to the
 * model through the same provider path as chat, with no transaction open while the provider
 * answers. Creates no chat history. A stored prompt's {@code usage_count} grows by one per
 * successful preview.
 */
@ApplicationScoped
public class PromptPreviews {

  static final String ONE_SOURCE = "send exactly one of prompt_id and content";
  static final String CONTENT_BLANK = "content must not be blank";
  static final double TEMPERATURE = 0.7;

  @Inject Prompts prompts;
  @Inject ModelCatalog catalog;
  @Inject Completions completions;
  @Inject UsageLedger ledger;
  @Inject ParleyMetrics metrics;

  @Inject TierPolicy tiers;

  @Inject
  @ConfigProperty(name = "parley.prompts.preview-model")
  String defaultModel;

  public PreviewView preview(Caller caller, PreviewRequest request) {
    if ((request.promptId() == null) == (request.content() == null)) {
      throw new Unprocessable(ONE_SOURCE);
    }
    if (request.content() != null && request.content().isBlank()) {
      throw new Unprocessable(CONTENT_BLANK);
    }
    Map<String, String> values = PromptBodies.variables(request.variables());
    ModelDescriptor model = model(request.model());
    String template =
        request.promptId() != null
            ? prompts.content(caller, request.promptId())
            : request.content();
    String rendered;
    try {
      rendered = TemplateRenderer.parse(template).render(values, Prompt.MAX_RENDERED);
    } catch (TemplateRenderer.MissingVariables | TemplateRenderer.TooLong e) {
      throw new Unprocessable(e.getMessage());
    }
    List<PromptMessage> messages = List.of(new PromptMessage("user", rendered));
    // daily token budget checked and the call recorded before the provider is called
    long usageId =
        ledger.open(
            caller,
            CallKind.PREVIEW,
            model.name(),
            TokenCounter.countPrompt(messages),
            tiers.completionEstimate(null));
    Completion reply;
    try {
      reply = completions.complete(new CompletionRequest(model, messages, TEMPERATURE, null));
    } catch (ParleyException e) {
      metrics.providerError(e);
      ledger.settle(
          usageId, TokenCounter.usage(null, messages, ""), UsageRecord.FAILED, model.name());
      throw e;
    }
    ledger.settle(usageId, reply.usage(), UsageRecord.COMPLETED, reply.answer().model());
    if (request.promptId() != null) {
      prompts.countUse(caller, request.promptId());
    }
    return new PreviewView(reply.text(), reply.usage().totalTokens(), reply.answer().model());
  }

  /**
   * The requested model (400 if unknown), else the configured default, else the catalogue's first
   * model.
   */
  private ModelDescriptor model(String requested) {
    if (requested != null) {
      return catalog.require(requested);
    }
    return catalog.find(defaultModel).orElseGet(() -> catalog.all().get(0));
  }
}
