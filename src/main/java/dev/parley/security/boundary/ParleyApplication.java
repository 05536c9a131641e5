package dev.parley.security.boundary;

import dev.parley.security.entity.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The JAX-RS application. The spec's paths start with {@code /v1} and {@code /api}, so it sits at
 * the root. It must be {@code @ApplicationScoped} for MP-JWT's {@code JsonWebToken} to be
 * injectable on Payara.
 */
@ApplicationPath("/")
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Roles.USER, Roles.ADMIN})
public class ParleyApplication extends Application {}
