package dev.parley.platform.errors;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not JSON, or JSON of the wrong types: 400. */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<JsonbException> {

  @Override
  public Response toResponse(JsonbException e) {
    return ErrorResponse.response(400, describe(e));
  }

  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonParsingException) {
        return "malformed JSON body";
      }
      if (t instanceof PayloadTooLarge tooLarge) {
        return tooLarge.detail();
      }
    }
    return "malformed JSON body or wrong JSON types";
  }
}
