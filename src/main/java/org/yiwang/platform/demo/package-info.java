/**
 * Public API of the demo-county driver: modules contribute deterministic demo data through DemoDataContributor.
 */
@NamedInterface("demo")
package org.yiwang.platform.demo;

import org.springframework.modulith.NamedInterface;
