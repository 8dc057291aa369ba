/**
 * Flagon's session machinery, not part of its API: the request wrapper that opens and saves
 * the session, the store of applications without sessions, and the value types Flagon
 * registers itself. Public only for Flagon's other packages; it may change in any release.
 */
@NullMarked
package dev.flagon.session.internal;

import org.jspecify.annotations.NullMarked;
