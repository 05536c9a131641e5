package dev.parley.platform.boundary;

import dev.parley.platform.json.JsonBodies;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * A resource that takes the body as a {@link JsonValue} gets the tree {@link RequestBodies} already
 * parsed, not a second parse of the bytes; without a body (or with another JSON type than the
 * parameter's) it gets null and says what it needs.
 */
@Provider
public class ParsedBodies implements ReaderInterceptor {

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    if (!JsonValue.class.isAssignableFrom(context.getType())) {
      return context.proceed();
    }
    Object parsed = context.getProperty(JsonBodies.PARSED);
    return context.getType().isInstance(parsed) ? parsed : null;
  }
}
