package dev.parley.platform.openapi;

/**
 * Names the resources' annotations use: the error responses, id parameters and error schema of
 * {@code META-INF/openapi.yaml}, and the operation tags.
 */
public final class OpenApiRefs {

  private static final String RESPONSES = "#/components/responses/";

  /** The reply of {@code POST /v1/chat/stream}: Server-Sent Events or JSON. */
  public static final String CHAT_REPLY = RESPONSES + "ChatReply";

  /** The answer of {@code POST /v1/chat/completions}: OpenAI's format, JSON or chunk events. */
  public static final String CHAT_COMPLETION = RESPONSES + "ChatCompletion";

  /** The answer to a successful delete: {@code {"message": "..."}}. */
  public static final String DELETED = RESPONSES + "Deleted";

  public static final String BAD_REQUEST = RESPONSES + "BadRequest";
  public static final String UNAUTHORIZED = RESPONSES + "Unauthorized";
  public static final String FORBIDDEN = RESPONSES + "Forbidden";
  public static final String NOT_FOUND = RESPONSES + "NotFound";
  public static final String CONFLICT = RESPONSES + "Conflict";
  public static final String PAYLOAD_TOO_LARGE = RESPONSES + "PayloadTooLarge";
  public static final String UNSUPPORTED_MEDIA_TYPE = RESPONSES + "UnsupportedMediaType";
  public static final String UNPROCESSABLE = RESPONSES + "Unprocessable";
  public static final String TOO_MANY_REQUESTS = RESPONSES + "TooManyRequests";
  public static final String INTERNAL_ERROR = RESPONSES + "InternalError";
  public static final String PROVIDER_FAILED = RESPONSES + "ProviderFailed";
  public static final String OVERLOADED = RESPONSES + "Overloaded";
  public static final String PROVIDER_TIMEOUT = RESPONSES + "ProviderTimeout";

  private static final String PARAMETERS = "#/components/parameters/";

  public static final String SESSION_ID = PARAMETERS + "SessionId";
  public static final String PROMPT_ID = PARAMETERS + "PromptId";
  public static final String FILE_ID = PARAMETERS + "FileId";
  public static final String PAGE = PARAMETERS + "Page";
  public static final String PARLEY_SESSION = PARAMETERS + "ParleySession";

  public static final String ERROR_RESPONSE = "#/components/schemas/ErrorResponse";

  public static final String TAG_CHAT = "chat";
  public static final String TAG_FILES = "files";
  public static final String TAG_PROMPTS = "prompts";
  public static final String TAG_MODELS = "models";
  public static final String TAG_ACCOUNT = "account";

  private OpenApiRefs() {}
}
