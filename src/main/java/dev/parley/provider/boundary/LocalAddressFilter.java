package dev.parley.provider.boundary;

import dev.parley.provider.control.SimulatorEndpoint;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Learns Parley's own port and context path from the first request, so the simulator can be called
 * on loopback.
 */
@Provider
@PreMatching
public class LocalAddressFilter implements ContainerRequestFilter {

  @Inject SimulatorEndpoint simulator;
  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!simulator.known()) {
      simulator.learn(servletRequest.getLocalPort(), servletRequest.getContextPath());
    }
  }
}
