package dev.parley.it;

import java.io.File;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP suite: one Payara Micro start with the built WAR serves every feature's tests, which live in their
 * own classes and join here as {@code @Nested} classes. Black-box: requests go over HTTP only.
 */
@ExtendWith(ArquillianExtension.class)
class ApiIT {

  @Deployment(testable = false)
  static WebArchive builtWar() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("parley.it.war")));
  }

  @ArquillianResource URL deployed;

  @BeforeEach
  void bind() {
    Api.bind(deployed);
  }

  @Nested
  class Authentication extends AuthenticationTests {}

  @Nested
  class Models extends ModelsTests {}

  @Nested
  class Errors extends ErrorsTests {}

  @Nested
  class Identity extends IdentityTests {}
}
