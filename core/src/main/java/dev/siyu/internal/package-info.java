/**
 * The engine's implementation: not API. Nothing here is covered by compatibility, documented for
 * rule authors or hosts, or reachable through the API's signatures (a test checks that no public
 * or protected member of another core package names a type of this package). The few public types
 * are public only for the engine's own modules (the API package, the benchmarks' plain-Java
 * baseline); rule files may not use them (restricted mode refuses this package). Hosts use
 * {@code dev.siyu.SiyuEngine} and the model, action, fact, proposal and pack packages.
 *
 * <p>Core's module descriptor ({@code dev.siyu.core}) neither exports nor opens this package: on
 * the module path it is out of reach. On the class path the descriptor is ignored and this
 * page, with the tests, is the only fence (docs/architecture.md, "Modules").
 */
package dev.siyu.internal;
