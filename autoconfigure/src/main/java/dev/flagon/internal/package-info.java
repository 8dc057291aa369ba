/**
 * Flagon's machinery: not an API. The request filter and the per-request lifecycle, the
 * thread-bound context holder, hook discovery and invocation, routing and mounted
 * applications. Public only so that Flagon's auto-configuration can create them; types and
 * signatures here change without notice.
 */
@NullMarked
package dev.flagon.internal;

import org.jspecify.annotations.NullMarked;
