package dev.parley.provider.entity;

import java.util.Objects;

/** A model Parley offers: the public name clients use, the id sent upstream, and who serves it. */
public record ModelDescriptor(String name, String upstreamId, String provider, boolean simulated) {

  public ModelDescriptor {
    Objects.requireNonNull(name);
    Objects.requireNonNull(upstreamId);
    Objects.requireNonNull(provider);
  }
}
