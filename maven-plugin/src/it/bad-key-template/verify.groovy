// The build failed naming class, method and reason for each invalid declaration, not only the first.
def log = new File(basedir, 'build.log').text
assert log.contains('Larder found 2 invalid declarations')
assert log =~ /com\.example\.BadBooks.*title.*\{isbm\}/
assert log =~ /com\.example\.BadBooks.*author/
