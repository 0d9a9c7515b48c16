
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_append_only'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='ledgerentry',
            options={'managed': False, 'ordering': ('seq',), 'verbose_name': 'ledger entry', 'verbose_name_plural': 'ledger entries'},
        ),
        migrations.CreateModel(
            name='Checkpoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('size', models.BigIntegerField(db_index=True, verbose_name='size')),
                ('root_hash', models.CharField(max_length=64, verbose_name='root hash')),
                ('time', models.DateTimeField(verbose_name='time')),
                ('origin', models.CharField(max_length=200, verbose_name='origin')),
                ('key_id', models.CharField(max_length=64, verbose_name='key id')),
                ('reason', models.CharField(blank=True, max_length=200, verbose_name='reason')),
                ('document', models.JSONField(verbose_name='signed document')),
                ('signature', models.JSONField(verbose_name='signature envelope')),
            ],
            options={
                'verbose_name': 'checkpoint',
                'verbose_name_plural': 'checkpoints',
                'ordering': ('-size', '-time'),
                'get_latest_by': 'size',
                'constraints': [models.CheckConstraint(condition=models.Q(('size__gte', 0)), name='audit_checkpoint_size')],
            },
        ),
        migrations.CreateModel(
            name='DocumentSignature',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('document_type', models.CharField(max_length=64, verbose_name='document type')),
                ('document_sha256', models.CharField(db_index=True, max_length=64, verbose_name='document SHA-256')),
                ('subject_type', models.CharField(blank=True, max_length=100)),
                ('subject_id', models.CharField(blank=True, max_length=64)),
                ('organisation', models.CharField(max_length=32, verbose_name='signed for')),
                ('key_id', models.CharField(max_length=64, verbose_name='key id')),
                ('envelope', models.JSONField(verbose_name='signature envelope')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded at')),
                ('uploaded_by_id', models.BigIntegerField(blank=True, null=True)),
            ],
            options={
                'verbose_name': 'document signature',
                'verbose_name_plural': 'document signatures',
                'ordering': ('uploaded_at',),
                'constraints': [models.UniqueConstraint(fields=('document_sha256', 'key_id'), name='audit_signature_once_per_key')],
            },
        ),
        migrations.CreateModel(
            name='PartyKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('organisation', models.CharField(db_index=True, max_length=32, verbose_name='organisation')),
                ('key_id', models.CharField(max_length=64, unique=True, verbose_name='key id')),
                ('public_key', models.CharField(max_length=64, verbose_name='public key')),
                ('label', models.CharField(blank=True, max_length=200, verbose_name='label')),
                ('status', models.CharField(choices=[('active', 'Active'), ('retired', 'Retired (rotated out; still checks what it signed)'), ('revoked', 'Revoked (no longer trusted)')], default='active', max_length=16, verbose_name='status')),
                ('is_checkpoint_key', models.BooleanField(default=False, verbose_name='server checkpoint key')),
                ('registered_at', models.DateTimeField(auto_now_add=True, verbose_name='registered at')),
                ('registered_by_id', models.BigIntegerField(blank=True, null=True)),
                ('retired_at', models.DateTimeField(blank=True, null=True, verbose_name='retired at')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked at')),
                ('revocation_reason', models.CharField(blank=True, max_length=500)),
                ('replaced_by_key_id', models.CharField(blank=True, max_length=64)),
            ],
            options={
                'verbose_name': 'registered key',
                'verbose_name_plural': 'registered keys',
                'ordering': ('organisation', 'registered_at'),
                'constraints': [models.CheckConstraint(condition=models.Q(('status__in', ['active', 'retired', 'revoked'])), name='audit_key_status_known'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'revoked'), _negated=True), ('revoked_at__isnull', False), _connector='OR'), name='audit_key_revoked_has_time')],
            },
        ),
    ]
