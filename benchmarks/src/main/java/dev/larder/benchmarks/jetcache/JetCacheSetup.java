package dev.larder.benchmarks.jetcache;

import com.alicp.jetcache.CacheBuilder;
import com.alicp.jetcache.anno.CacheConsts;
import com.alicp.jetcache.anno.config.EnableMethodCache;
import com.alicp.jetcache.anno.support.GlobalCacheConfig;
import com.alicp.jetcache.anno.support.JetCacheBaseBeans;
import com.alicp.jetcache.embedded.CaffeineCacheBuilder;
import com.alicp.jetcache.support.Fastjson2KeyConvertor;
import dev.larder.benchmarks.Lookup;
import dev.larder.benchmarks.Source;
import dev.larder.benchmarks.Subject;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * JetCache as its users run it without Spring Boot, following its "Basic configuration (without Spring Boot)" guide:
 * {@code @Cached} is applied by Spring AOP, so it needs a Spring context with {@code @EnableMethodCache}, the
 * {@link JetCacheBaseBeans} (required since 2.7) and a {@link GlobalCacheConfig} whose default local area is a Caffeine
 * cache with the fastjson2 key convertor (JetCache's default; method caching must have one). No remote area, no
 * statistics. Class-based proxies, like the Spring contender.
 */
public final class JetCacheSetup {
    private JetCacheSetup() {}

    /** @param protect whether to call the {@code @CachePenetrationProtect} methods */
    public static Subject open(Source source, boolean protect) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(Source.class, () -> source);
        context.register(Config.class);
        context.refresh();
        Lookup lookup =
                protect ? context.getBean(JetCacheProtectedDirectory.class) : context.getBean(JetCacheDirectory.class);
        return new Subject(lookup, context::close);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodCache(basePackages = "dev.larder.benchmarks.jetcache", proxyTargetClass = true)
    @Import(JetCacheBaseBeans.class)
    static class Config {
        @Bean
        GlobalCacheConfig globalCacheConfig() {
            Map<String, CacheBuilder> local = new HashMap<>();
            local.put(
                    CacheConsts.DEFAULT_AREA,
                    CaffeineCacheBuilder.createCaffeineCacheBuilder().keyConvertor(Fastjson2KeyConvertor.INSTANCE));
            GlobalCacheConfig config = new GlobalCacheConfig();
            config.setLocalCacheBuilders(local);
            config.setRemoteCacheBuilders(new HashMap<>());
            return config;
        }

        @Bean
        JetCacheDirectory jetCacheDirectory(Source source) {
            return new JetCacheDirectory(source);
        }

        @Bean
        JetCacheProtectedDirectory jetCacheProtectedDirectory(Source source) {
            return new JetCacheProtectedDirectory(source);
        }
    }
}
