package dev.larder.benchmarks.spring;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.benchmarks.Lookup;
import dev.larder.benchmarks.Source;
import dev.larder.benchmarks.Subject;
import java.time.Duration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Cache as its users run it without Boot: a plain {@link AnnotationConfigApplicationContext} with
 * {@code @EnableCaching} and a {@link CaffeineCacheManager} (bounded like the other contenders, with the same 10 minute
 * expiry: Spring has no per-method TTL, so it goes on the manager). Class-based proxies, as Spring Boot configures them.
 */
public final class SpringSetup {
    private SpringSetup() {}

    /** @param sync whether to call the {@code @Cacheable(sync = true)} methods */
    public static Subject open(Source source, boolean sync) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(Source.class, () -> source);
        context.register(Config.class);
        context.refresh();
        Lookup lookup = sync ? context.getBean(SpringSyncDirectory.class) : context.getBean(SpringDirectory.class);
        return new Subject(lookup, context::close);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching(proxyTargetClass = true)
    static class Config {
        @Bean
        CaffeineCacheManager cacheManager() {
            CaffeineCacheManager manager = new CaffeineCacheManager();
            manager.setCaffeine(Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)));
            return manager;
        }

        @Bean
        SpringDirectory springDirectory(Source source) {
            return new SpringDirectory(source);
        }

        @Bean
        SpringSyncDirectory springSyncDirectory(Source source) {
            return new SpringSyncDirectory(source);
        }
    }
}
