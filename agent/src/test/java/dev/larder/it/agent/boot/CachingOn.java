package dev.larder.it.agent.boot;

import org.springframework.cache.annotation.EnableCaching;

/** Spring's own caching switched on, as an application that would cache twice has it. */
@EnableCaching
public class CachingOn {}
