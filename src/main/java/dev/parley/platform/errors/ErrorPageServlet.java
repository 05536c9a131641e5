package dev.parley.platform.errors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Target of web.xml's error pages: errors the container produces outside JAX-RS (for example a 401
 * from the MP-JWT authentication mechanism) get the same {@code {"detail"}} body as everything
 * else.
 */
@WebServlet("/_error")
public class ErrorPageServlet extends HttpServlet {

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    response
        .getWriter()
        .write(new ErrorResponse(WebApplicationExceptionMapper.detailFor(status)).toJson());
  }
}
