/**
 * Public API of the web shell: navigation entries and role home pages that modules contribute to the layout.
 */
@NamedInterface("web")
package org.yiwang.platform.web;

import org.springframework.modulith.NamedInterface;
