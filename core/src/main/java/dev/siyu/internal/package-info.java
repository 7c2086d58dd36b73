/**
 * The engine's implementation: not API. Nothing here is covered by compatibility, documented for
 * rule authors or hosts, or reachable through the API's signatures (a test checks that no public
 * or protected member of another core package names a type of this package). The few public types
 * are public only for the engine's own modules (the API package, the benchmarks' plain-Java
 * baseline); rule files may not use them (restricted mode refuses this package). Hosts use
 * {@code dev.siyu.SiyuEngine} and the model, action, fact, proposal and pack packages.
 */
package dev.siyu.internal;
